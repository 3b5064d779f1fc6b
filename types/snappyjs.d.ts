declare module 'snappyjs' {
  /** Snappy block format. Throws when the declared uncompressed length exceeds maxLength. */
  export function uncompress<T extends Uint8Array | ArrayBuffer>(compressed: T, maxLength?: number): T;
  export function compress<T extends Uint8Array | ArrayBuffer>(uncompressed: T): T;
}
