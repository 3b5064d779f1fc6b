// A stable colour per service index, from d3's categorical palettes (enough distinct hues for typical traces).
import { schemeTableau10, schemeSet3 } from 'd3';

const PALETTE = [...schemeTableau10, ...schemeSet3];

export function serviceColor(serviceIndex: number): string {
  return serviceIndex < 0 ? '#6b7280' : PALETTE[serviceIndex % PALETTE.length]!;
}
