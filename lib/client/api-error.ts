// A failed API call as the UI sees it: the server's message and, for query errors, the position.
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
    readonly position: number | undefined,
  ) {
    super(message);
  }
}

export async function readJson<T>(response: Response): Promise<T> {
  if (response.ok) return (await response.json()) as T;
  let message = `${response.status} ${response.statusText}`;
  let position: number | undefined;
  try {
    // Our routes answer {error: {message}}; better-auth's (/api/auth/*) answer {message}.
    const body = (await response.json()) as { error?: { message?: string; position?: number }; message?: string };
    if (body.error?.message) message = body.error.message;
    else if (body.message) message = body.message;
    if (typeof body.error?.position === 'number') position = body.error.position;
  } catch {
    // not JSON: keep the status line
  }
  throw new ApiError(message, response.status, position);
}
