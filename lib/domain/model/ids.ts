// Trace and span ids travel as lowercase hex strings in the domain and as bytea in the database.
const HEX = /^[0-9a-f]+$/;

export const TRACE_ID_HEX_LENGTH = 32;
export const SPAN_ID_HEX_LENGTH = 16;

export function isValidTraceId(id: string): boolean {
  return id.length === TRACE_ID_HEX_LENGTH && HEX.test(id) && !/^0+$/.test(id);
}

export function isValidSpanId(id: string): boolean {
  return id.length === SPAN_ID_HEX_LENGTH && HEX.test(id) && !/^0+$/.test(id);
}

/** Accepts any case and Jaeger/Zipkin's shortened 16-hex trace ids (left-padded to 32). */
export function normalizeTraceId(id: string): string {
  const lower = id.trim().toLowerCase();
  return lower.length === 16 ? lower.padStart(TRACE_ID_HEX_LENGTH, '0') : lower;
}
