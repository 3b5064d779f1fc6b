// The one error vocabulary of the HTTP layer: lib code throws AppError with a code; route handlers map codes
// to statuses through one table (route-handler.ts). Messages are safe to show to the caller.
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface AppErrorOptions {
  /** Extra fields for the JSON error body, e.g. { position: 12 } for query errors. */
  details?: Record<string, unknown>;
  /** Seconds, sent as Retry-After (429/503). */
  retryAfterSeconds?: number;
  /** Extra response headers, e.g. the WWW-Authenticate challenge of a 401. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * Marks AppErrors across copies of this module. Next evaluates a module once per bundle it lands in, and a
 * process-wide object (the ingest write queues on globalThis) throws the AppError of whichever bundle created
 * it: a plain `instanceof` in another bundle's route said no, and a 429 "write pipeline saturated" went out as
 * a logged 500 (seen in CI, ingest-backpressure.int.test.ts). `instanceof AppError` checks this mark instead.
 */
const APP_ERROR = Symbol.for('tracehound.AppError');

export class AppError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    // Subclasses (ReplayRefusedError) keep the ordinary prototype check.
    if (this !== AppError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as { [APP_ERROR]?: unknown })[APP_ERROR] === true;
  }

  readonly [APP_ERROR] = true;
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.headers = options.headers;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
