// Thrown by the trace file decoders for input they cannot read; the message names the offending field.
export class TraceFormatError extends Error {
  override name = 'TraceFormatError';
}
