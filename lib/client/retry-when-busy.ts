// TanStack Query retry policy for the expensive reads (search, service map): a 429 means "too many of your
// queries are running right now" (per-client query admission), so wait a second and try again, a few times.
// Any other error is shown at once.
import { ApiError } from './api-error';

export const retryWhenBusy = {
  retry: (failureCount: number, error: Error) => error instanceof ApiError && error.status === 429 && failureCount < 3,
  retryDelay: 1_000,
};
