import { interpolateCividis, interpolateMagma, interpolateViridis } from 'd3-scale-chromatic';

export type ColormapName = 'viridis' | 'magma' | 'cividis' | 'coolwarm';

export type Colormap = {
  label: string;
  kind: 'sequential' | 'diverging';
  /** 256 RGBA colours packed little-endian: r | g << 8 | b << 16 | 255 << 24. */
  readonly lut: Uint32Array;
};

export type Rgb = [r: number, g: number, b: number];

export const LUT_SIZE = 256;

export function packRgba(r: number, g: number, b: number): number {
  // `>>> 0` keeps the value an unsigned 32-bit integer, as a Uint32Array reads it back.
  return (r | (g << 8) | (b << 16) | (255 << 24)) >>> 0;
}

export function lutColor(lut: Uint32Array, i: number): Rgb {
  const index = Math.min(lut.length - 1, Math.max(0, Math.round(i)));
  const v = lut[index] ?? 0;
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff];
}

/** Parses the '#rrggbb' and 'rgb(r, g, b)' strings that d3-scale-chromatic returns. */
export function parseCssColor(css: string): Rgb {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css.trim());
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const rgb = /^rgb\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*\)$/i.exec(css.trim());
  if (rgb) return [clampByte(+rgb[1]!), clampByte(+rgb[2]!), clampByte(+rgb[3]!)];
  throw new Error(`Unrecognised colour: ${css}`);
}

function clampByte(v: number): number {
  return Math.min(255, Math.max(0, Math.round(v)));
}

function buildLut(colorAt: (t: number) => Rgb): Uint32Array {
  const lut = new Uint32Array(LUT_SIZE);
  for (let i = 0; i < LUT_SIZE; i++) {
    const [r, g, b] = colorAt(i / (LUT_SIZE - 1));
    lut[i] = packRgba(r, g, b);
  }
  return lut;
}

function fromInterpolator(interpolate: (t: number) => string): () => Uint32Array {
  return () => buildLut((t) => parseCssColor(interpolate(t)));
}

// --- CIELAB (D65) conversions, used to interpolate the diverging map ---

type Lab = [l: number, a: number, b: number];

const WHITE_D65 = [0.95047, 1, 1.08883] as const;

function srgbToLinear(c: number): number {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}

function linearToSrgb(v: number): number {
  const c = v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055;
  return clampByte(c * 255);
}

const EPSILON = 216 / 24389;
const KAPPA = 24389 / 27;

function labF(t: number): number {
  return t > EPSILON ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
}

function labFInverse(f: number): number {
  const t = f * f * f;
  return t > EPSILON ? t : (116 * f - 16) / KAPPA;
}

function rgbToLab([r, g, b]: Rgb): Lab {
  const lr = srgbToLinear(r);
  const lg = srgbToLinear(g);
  const lb = srgbToLinear(b);
  const x = (0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb) / WHITE_D65[0];
  const y = (0.2126729 * lr + 0.7151522 * lg + 0.072175 * lb) / WHITE_D65[1];
  const z = (0.0193339 * lr + 0.119192 * lg + 0.9503041 * lb) / WHITE_D65[2];
  const fx = labF(x);
  const fy = labF(y);
  const fz = labF(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

function labToRgb([l, a, b]: Lab): Rgb {
  const fy = (l + 16) / 116;
  const x = labFInverse(fy + a / 500) * WHITE_D65[0];
  const y = labFInverse(fy) * WHITE_D65[1];
  const z = labFInverse(fy - b / 200) * WHITE_D65[2];
  return [
    linearToSrgb(3.2404542 * x - 1.5371385 * y - 0.4985314 * z),
    linearToSrgb(-0.969266 * x + 1.8760108 * y + 0.041556 * z),
    linearToSrgb(0.0556434 * x - 0.2040259 * y + 1.0572252 * z),
  ];
}

function interpolateLab(from: Rgb, to: Rgb): (t: number) => Rgb {
  const a = rgbToLab(from);
  const b = rgbToLab(to);
  return (t) =>
    labToRgb([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t]);
}

// Moreland's "cool to warm" endpoints and near-white midpoint.
const COOLWARM_LOW: Rgb = [59, 76, 192];
const COOLWARM_MID: Rgb = [221, 221, 221];
const COOLWARM_HIGH: Rgb = [180, 4, 38];

function buildCoolwarm(): Uint32Array {
  const lower = interpolateLab(COOLWARM_LOW, COOLWARM_MID);
  const upper = interpolateLab(COOLWARM_MID, COOLWARM_HIGH);
  return buildLut((t) => (t <= 0.5 ? lower(t * 2) : upper(t * 2 - 1)));
}

function lazyColormap(label: string, kind: Colormap['kind'], build: () => Uint32Array): Colormap {
  let cached: Uint32Array | undefined;
  return {
    label,
    kind,
    get lut() {
      cached ??= build();
      return cached;
    },
  };
}

export const COLORMAPS: Record<ColormapName, Colormap> = {
  viridis: lazyColormap('Viridis', 'sequential', fromInterpolator(interpolateViridis)),
  magma: lazyColormap('Magma', 'sequential', fromInterpolator(interpolateMagma)),
  cividis: lazyColormap('Cividis', 'sequential', fromInterpolator(interpolateCividis)),
  coolwarm: lazyColormap('Cool–warm', 'diverging', buildCoolwarm),
};

export const COLORMAP_NAMES = Object.keys(COLORMAPS) as ColormapName[];

/** A CSS linear-gradient of the map, for legends; `direction` 'to top' suits a vertical bar. */
export function colormapCss(name: ColormapName, stops = 16, direction = 'to right'): string {
  const lut = COLORMAPS[name].lut;
  const n = Math.max(2, Math.round(stops));
  const parts: string[] = [];
  for (let s = 0; s < n; s++) {
    const t = s / (n - 1);
    const [r, g, b] = lutColor(lut, t * (lut.length - 1));
    parts.push(`rgb(${r}, ${g}, ${b}) ${+(t * 100).toFixed(2)}%`);
  }
  return `linear-gradient(${direction}, ${parts.join(', ')})`;
}
