// The granularity an instant was recorded with, guessed from the instant itself: a start on a whole
// millisecond most likely came from a millisecond clock (the OpenTelemetry JS SDK takes span starts from
// Date.now()), one on a whole microsecond from a microsecond format (Zipkin, Jaeger). A real nanosecond
// instant lands on a whole millisecond once in a million, so the guess costs nothing in practice. Rules
// comparing two spans' instants treat differences below the resolution as noise.
const MS = 1_000_000;

/** Resolution in ns of an instant given by its nanoseconds within the millisecond (0 ≤ withinMs < 1e6). */
export function resolutionOfNanosWithinMs(withinMs: number): number {
  return withinMs === 0 ? MS : withinMs % 1000 === 0 ? 1000 : 1;
}

export function resolutionOfUnixNano(t: bigint): number {
  return resolutionOfNanosWithinMs(Number(t % 1_000_000n));
}
