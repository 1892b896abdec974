const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'] as const;

/**
 * Human-readable byte count in SI units (1 kB = 1000 B, 1 MB = 1000 kB), the convention browsers
 * and disk vendors use for quotas: `formatBytes(1_500_000)` is "1.5 MB". One decimal below 10,
 * none above.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'unknown size';
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  if (unit === 0) return `${sign}${Math.round(value)} B`;
  let rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  // 999.7 kB rounds to 1000 kB, which reads better as 1 MB.
  if (rounded >= 1000 && unit < UNITS.length - 1) {
    rounded = 1;
    unit++;
  }
  return `${sign}${rounded} ${UNITS[unit] ?? ''}`;
}
