import 'server-only';
// spans.resource_key: a 64-bit key equal for spans of one service with equal resource attributes. The span
// writer stores it with each row so the trace readers group spans by resource without hashing every span's
// resource jsonb on every read (~0.2 s of the 500k-span skeleton query, issue 22).

/** The key of a spans row (or of the writer's input row, which has the same column names). */
export const RESOURCE_HASH_SQL = 'hashtextextended(service_name, jsonb_hash_extended(resource_attributes, 0))';

/**
 * What readers select: the stored key, hashed on the fly only for rows written before the column existed
 * (migration 20261128200800_span_resource_key left them NULL; COALESCE evaluates the hash lazily).
 */
export const RESOURCE_KEY_SQL = `COALESCE(resource_key, ${RESOURCE_HASH_SQL})`;
