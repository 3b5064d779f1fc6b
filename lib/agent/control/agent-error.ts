// Errors of the control API: a status and a message safe to show, naming the problem (never a bare 500 for
// bad input). Toxiproxy-compatible endpoints render them in Toxiproxy's shape, Tracehound's in the
// dashboard's `{error: {code, message}}` shape.
export class AgentError extends Error {
  override name = 'AgentError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415,
    message: string,
  ) {
    super(message);
  }

  get code(): string {
    return ({ 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 413: 'payload_too_large', 415: 'unsupported_media_type' } as const)[this.status];
  }
}
