/** One colour per series, the same in every Results chart: MAE, linear and nearest baselines. */
export const SERIES_COLORS = {
  mae: '#4c6ef5',
  linear: '#f08c00',
  nearest: '#868e96',
} as const;
