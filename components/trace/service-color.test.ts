import { describe, expect, it } from 'vitest';
import { SERVICE_PALETTE, serviceColor } from './service-color';

describe('serviceColor', () => {
  it('gives a service the same colour every time, whatever else is in the trace', () => {
    const first = ['gateway', 'payment', 'inventory'].map(serviceColor);
    const second = ['inventory', 'pricing', 'gateway', 'payment'].map(serviceColor);
    expect(second[2]).toBe(first[0]);
    expect(second[3]).toBe(first[1]);
    expect(second[0]).toBe(first[2]);
  });

  it('never uses a red (red marks errors)', () => {
    for (const colour of SERVICE_PALETTE) {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
      expect(r! > 180 && g! < 120 && b! < 120, colour).toBe(false);
    }
  });

  it('spreads names over the palette', () => {
    const used = new Set(Array.from({ length: 200 }, (_, k) => serviceColor(`service-${k}`)));
    expect(used.size).toBeGreaterThan(SERVICE_PALETTE.length * 0.75);
  });
});
