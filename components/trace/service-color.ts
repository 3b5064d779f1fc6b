// A service's colour comes from its name, so "gateway" looks the same in every trace wherever it sits. The
// palette has no red: red means error, and errors are drawn with it on top of the service colour.
const PALETTE = [
  '#4e79a7',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#9c755f',
  '#a0cbe8',
  '#8cd17d',
  '#499894',
  '#f1ce63',
  '#d4a6c8',
  '#86bcb6',
  '#b6992d',
  '#bab0ac',
  '#6f9ed6',
  '#c2a36b',
] as const;

const UNKNOWN = '#6b7280';
const cache = new Map<string, string>();

/** FNV-1a over the name's UTF-16 code units: cheap, stable across sessions and machines. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function serviceColor(service: string | undefined): string {
  if (!service) return UNKNOWN;
  let colour = cache.get(service);
  if (colour === undefined) {
    colour = PALETTE[hashName(service) % PALETTE.length]!;
    cache.set(service, colour);
  }
  return colour;
}

export const SERVICE_PALETTE: readonly string[] = PALETTE;
