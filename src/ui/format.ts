/** Number and time formats shared by the panels. */

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds % 60);
  if (minutes < 60) return `${minutes} min ${String(rest).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

export function formatMs(ms: number): string {
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(0)} ms`;
  return formatDuration(ms / 1000);
}

/** Three significant digits, switching to exponent form for very small or large values. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e5)) return value.toExponential(2);
  return Number(value.toPrecision(3)).toString();
}

/**
 * A learning rate the way papers write it: mantissa and power of ten, up to three significant
 * digits, no trailing zeros ("1e-3", "3e-4", "2.5e-3"); every table shows rates this way.
 */
export function formatLearningRate(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const [mantissa, exponent] = value.toExponential(2).split('e') as [string, string];
  const trimmed = mantissa.replace(/\.?0+$/, '');
  return `${trimmed}e${Number(exponent)}`;
}
