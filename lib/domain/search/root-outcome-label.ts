// The short outcome a search result row shows for its root span: the response status when the span recorded
// one, and for a failed span its error message — so rows with the same "gateway: POST /api/orders" differ.
export interface RootOutcomeInput {
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  statusCode: number;
  statusMessage: string;
  responseStatus: string | null;
}

export interface OutcomeLabel {
  text: string;
  error: boolean;
}

const MAX_MESSAGE = 80;

export function rootOutcomeLabel(root: RootOutcomeInput | null | undefined): OutcomeLabel | null {
  if (!root) return null;
  const error = root.statusCode === 2;
  const message = root.statusMessage.trim();
  const short = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message;
  const parts: string[] = [];
  if (root.responseStatus) parts.push(root.responseStatus);
  if (error) parts.push(short ? `error: ${short}` : 'error');
  else if (parts.length === 0) parts.push(root.statusCode === 1 ? 'ok' : 'unset');
  return { text: parts.join(' · '), error };
}
