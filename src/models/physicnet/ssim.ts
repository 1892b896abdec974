/**
 * Structural similarity of two frames as scikit-image's `structural_similarity` computes it by
 * default (the metric of the video-prediction literature PhysicNet reports in): a 7 × 7 uniform
 * window, sample covariances, K1 = 0.01, K2 = 0.03, averaged over the windows that fit inside
 * the frame.
 */
const WINDOW = 7;
const K1 = 0.01;
const K2 = 0.03;

/** SSIM of frames a and b (row-major, rows × cols), for values spanning `dataRange`. */
export function ssim(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  rows: number,
  cols: number,
  dataRange: number,
): number {
  if (rows < WINDOW || cols < WINDOW) {
    throw new RangeError(
      `SSIM needs frames of at least ${WINDOW} × ${WINDOW}; got ${rows} × ${cols}.`,
    );
  }
  const c1 = (K1 * dataRange) ** 2;
  const c2 = (K2 * dataRange) ** 2;
  const n = WINDOW * WINDOW;
  const covarianceNorm = n / (n - 1);
  let total = 0;
  let windows = 0;
  for (let i = 0; i + WINDOW <= rows; i++) {
    for (let j = 0; j + WINDOW <= cols; j++) {
      let sa = 0;
      let sb = 0;
      let saa = 0;
      let sbb = 0;
      let sab = 0;
      for (let di = 0; di < WINDOW; di++) {
        for (let dj = 0; dj < WINDOW; dj++) {
          const k = (i + di) * cols + j + dj;
          const x = a[k]!;
          const y = b[k]!;
          sa += x;
          sb += y;
          saa += x * x;
          sbb += y * y;
          sab += x * y;
        }
      }
      const ma = sa / n;
      const mb = sb / n;
      const va = covarianceNorm * (saa / n - ma * ma);
      const vb = covarianceNorm * (sbb / n - mb * mb);
      const cov = covarianceNorm * (sab / n - ma * mb);
      total += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
      windows++;
    }
  }
  return total / windows;
}
