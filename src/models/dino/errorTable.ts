/**
 * DINo's four-way split of a forecast's error (methods §3d): frames inside the training horizon
 * (In-t) or after it (Out-t), points observed in training (In-s) or not (Out-s), as relative L2
 * ‖prediction − truth‖ / ‖truth‖ over each group's values; NaN for an empty group.
 */

export interface ErrorTable {
  inT_inS: number;
  inT_outS: number;
  outT_inS: number;
  outT_outS: number;
  /** Every frame and point. */
  all: number;
}

/** `prediction` and `truth` [N, T, X, Y, C]; `mask` [X, Y], 1 where observed. */
export function errorTable(
  prediction: ArrayLike<number>,
  truth: ArrayLike<number>,
  shape: readonly [number, number, number, number, number],
  mask: ArrayLike<number>,
  trainFrames: number,
): ErrorTable {
  const [N, T, X, Y, C] = shape;
  if (prediction.length !== truth.length || truth.length !== N * T * X * Y * C) {
    throw new RangeError('The prediction and the truth must both hold [N, T, X, Y, C] values.');
  }
  // error², truth² per group: index = 2·(outT) + (outS)
  const error = [0, 0, 0, 0];
  const norm = [0, 0, 0, 0];
  let i = 0;
  for (let n = 0; n < N; n++) {
    for (let t = 0; t < T; t++) {
      const time = t < trainFrames ? 0 : 2;
      for (let p = 0; p < X * Y; p++) {
        const group = time + (mask[p] ? 0 : 1);
        for (let c = 0; c < C; c++, i++) {
          const d = prediction[i]! - truth[i]!;
          error[group]! += d * d;
          norm[group]! += truth[i]! * truth[i]!;
        }
      }
    }
  }
  const rel = (e: number, t: number) => (t > 0 ? Math.sqrt(e / t) : Number.NaN);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    inT_inS: rel(error[0]!, norm[0]!),
    inT_outS: rel(error[1]!, norm[1]!),
    outT_inS: rel(error[2]!, norm[2]!),
    outT_outS: rel(error[3]!, norm[3]!),
    all: rel(sum(error), sum(norm)),
  };
}
