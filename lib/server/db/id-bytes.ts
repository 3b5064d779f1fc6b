// Conversion between the domain's hex ids and the database's bytea columns.
export function hexToBytes(hex: string): Buffer {
  return Buffer.from(hex, 'hex');
}

export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
