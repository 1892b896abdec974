import { interpolateCividis, interpolateMagma, interpolateViridis } from 'd3-scale-chromatic';
import { describe, expect, it } from 'vitest';
import { COLORMAPS, LUT_SIZE, colormapCss, lutColor, parseCssColor } from './colormaps';
import type { ColormapName } from './colormaps';

type Rgb = [number, number, number];

// Independent of the module under test: sRGB → linear → XYZ (D65) → CIELAB.
function toLab([r, g, b]: Rgb): [number, number, number] {
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const [lr, lg, lb] = [lin(r), lin(g), lin(b)];
  const x = (0.4124 * lr + 0.3576 * lg + 0.1805 * lb) / 0.95047;
  const y = 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
  const z = (0.0193 * lr + 0.1192 * lg + 0.9505 * lb) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

function lightness(rgb: Rgb): number {
  return toLab(rgb)[0];
}

function parseD3(css: string): Rgb {
  const hex = /^#(..)(..)(..)$/.exec(css);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const parts = css.match(/\d+/g)?.map(Number);
  if (parts?.length !== 3) throw new Error(`unexpected colour ${css}`);
  return parts as Rgb;
}

const SEQUENTIAL: [ColormapName, (t: number) => string][] = [
  ['viridis', interpolateViridis],
  ['magma', interpolateMagma],
  ['cividis', interpolateCividis],
];

describe('colormap LUTs', () => {
  it.each(Object.keys(COLORMAPS) as ColormapName[])('%s has 256 opaque entries', (name) => {
    const lut = COLORMAPS[name].lut;
    expect(lut).toHaveLength(LUT_SIZE);
    for (const v of lut) expect(v >>> 24).toBe(255);
  });

  it('builds each LUT once and caches it', () => {
    expect(COLORMAPS.magma.lut).toBe(COLORMAPS.magma.lut);
  });

  it.each(SEQUENTIAL)('%s matches the d3 interpolator at both ends and inside', (name, interp) => {
    const lut = COLORMAPS[name].lut;
    expect(lutColor(lut, 0)).toEqual(parseD3(interp(0)));
    expect(lutColor(lut, 255)).toEqual(parseD3(interp(1)));
    expect(lutColor(lut, 100)).toEqual(parseD3(interp(100 / 255)));
  });

  it.each(SEQUENTIAL)('%s has increasing CIELAB lightness', (name) => {
    const l = Array.from({ length: LUT_SIZE }, (_, i) =>
      lightness(lutColor(COLORMAPS[name].lut, i)),
    );
    // d3's maps are 8-bit tables: a few neighbours are identical or differ by rounding (ΔL* ≈
    // -0.03), so adjacent entries get a rounding tolerance and every other entry must rise strictly.
    for (let i = 1; i < LUT_SIZE; i++) expect(l[i]! - l[i - 1]!).toBeGreaterThan(-0.05);
    for (let i = 2; i < LUT_SIZE; i++) expect(l[i]!).toBeGreaterThan(l[i - 2]!);
    expect(l[LUT_SIZE - 1]! - l[0]!).toBeGreaterThan(50);
  });

  it('coolwarm rises in lightness to a near-white middle and falls after it', () => {
    const lut = COLORMAPS.coolwarm.lut;
    const l = Array.from({ length: LUT_SIZE }, (_, i) => lightness(lutColor(lut, i)));
    for (let i = 1; i < 128; i++) expect(l[i]!).toBeGreaterThan(l[i - 1]!);
    for (let i = 129; i < LUT_SIZE; i++) expect(l[i]!).toBeLessThan(l[i - 1]!);

    for (const mid of [127, 128]) {
      const [lMid, a, b] = toLab(lutColor(lut, mid));
      expect(lMid).toBeGreaterThan(85);
      expect(Math.hypot(a, b)).toBeLessThan(5);
    }
    expect(lutColor(lut, 0)).toEqual([59, 76, 192]);
    expect(lutColor(lut, 255)).toEqual([180, 4, 38]);
    const [, , bLow] = toLab(lutColor(lut, 0));
    const [, aHigh] = toLab(lutColor(lut, 255));
    expect(bLow).toBeLessThan(-40); // blue
    expect(aHigh).toBeGreaterThan(40); // red
  });

  it('coolwarm is a diverging map, the others sequential', () => {
    expect(COLORMAPS.coolwarm.kind).toBe('diverging');
    for (const [name] of SEQUENTIAL) expect(COLORMAPS[name].kind).toBe('sequential');
  });
});

describe('lutColor', () => {
  it('unpacks little-endian RGBA and clamps the index', () => {
    const lut = new Uint32Array([(0xff << 24) | (3 << 16) | (2 << 8) | 1, 0xff00_00ff]);
    expect(lutColor(lut, 0)).toEqual([1, 2, 3]);
    expect(lutColor(lut, 1)).toEqual([255, 0, 0]);
    expect(lutColor(lut, -4)).toEqual([1, 2, 3]);
    expect(lutColor(lut, 9)).toEqual([255, 0, 0]);
  });
});

describe('parseCssColor', () => {
  it('reads hex and rgb() notations', () => {
    expect(parseCssColor('#440154')).toEqual([0x44, 0x01, 0x54]);
    expect(parseCssColor('rgb(0, 32, 81)')).toEqual([0, 32, 81]);
    expect(() => parseCssColor('teal')).toThrow();
  });
});

describe('colormapCss', () => {
  it('lists the requested stops from the first to the last LUT colour', () => {
    const css = colormapCss('viridis', 5, 'to top');
    expect(css.startsWith('linear-gradient(to top, ')).toBe(true);
    const stops = css.match(/rgb\(\d+, \d+, \d+\) [\d.]+%/g) ?? [];
    expect(stops).toHaveLength(5);
    const [r0, g0, b0] = lutColor(COLORMAPS.viridis.lut, 0);
    const [r1, g1, b1] = lutColor(COLORMAPS.viridis.lut, 255);
    expect(stops[0]).toBe(`rgb(${r0}, ${g0}, ${b0}) 0%`);
    expect(stops[4]).toBe(`rgb(${r1}, ${g1}, ${b1}) 100%`);
  });
});
