/** A few experiments a student can run with DPOT's settings, and what to watch. */
import {
  dpotConfigProblem,
  dpotKeptModes,
  dpotLatentSize,
  type DpotConfig,
} from '../../../models/dpot/config';

/** Fewer input frames to try: about half, at least 1 (or 2 more when there is only one). */
function otherInputFrames(frames: number): number {
  return frames > 2 ? Math.max(1, Math.round(frames / 2)) : frames + 2;
}

/** Another patch side that still divides the grid into an even patch grid, or undefined. */
export function otherPatchSize(config: DpotConfig): number | undefined {
  const candidates = [config.patchSize * 2, config.patchSize / 2];
  return candidates.find(
    (p) =>
      Number.isInteger(p) && p >= 1 && dpotConfigProblem({ ...config, patchSize: p }) === undefined,
  );
}

export function DpotTips({ config }: { config: DpotConfig }) {
  const valid = dpotConfigProblem(config) === undefined;
  const side = valid ? dpotLatentSize(config) : undefined;
  const kept = valid ? dpotKeptModes(config) : undefined;
  const frames = otherInputFrames(config.inputFrames);
  const patch = otherPatchSize(config);
  const fewerModes = side ? Math.max(1, Math.floor(side / 4)) : undefined;
  const percent = Math.round(config.noise * 100);
  return (
    <div className="card model-tips">
      <h2>What to try</h2>
      <ul>
        <li>
          {config.noise > 0
            ? `Set the input noise from ${percent} % to 0 and train again on the same data with the same seed.`
            : 'Set the input noise to 0.2 (DPOT’s level) and train again on the same data with the same seed.'}{' '}
          Then, in the Results panel, roll both models out side by side: the noiseless one often
          wins the first step but drifts sooner, because it never learnt to correct a slightly wrong
          input. Compare the steps each stays under an error of 0.5.
        </li>
        <li>
          Give the model {frames} input {frames === 1 ? 'frame' : 'frames'} instead of{' '}
          {config.inputFrames}. With fewer frames it sees less of the past: how fast something moves
          is harder to read from one or two frames. Watch the one-step error and the rollout’s
          horizon.
        </li>
        {patch ? (
          <li>
            Change the patch side from {config.patchSize} to {patch}: the Fourier blocks then work
            on a {config.size / patch} × {config.size / patch} grid of tokens instead of {side} ×{' '}
            {side}. Bigger patches are quicker but must squeeze more detail into each token; watch
            whether the rollout loses the small features first.
          </li>
        ) : null}
        {kept && fewerModes && fewerModes < kept.rows ? (
          <li>
            Keep only {fewerModes} Fourier {fewerModes === 1 ? 'mode' : 'modes'} per axis instead of{' '}
            {kept.rows}: the blocks then mix the tokens only through the grid’s smoothest patterns
            and zero the rest. In the Train panel’s spectrum, see which modes each block passes, and
            whether the rollout blurs without the high ones.
          </li>
        ) : (
          <li>
            Lower the Fourier modes below {config.modes}: the blocks then mix the tokens only
            through the grid’s smoothest patterns and zero the rest. In the Train panel’s spectrum,
            see which modes each block passes, and whether the rollout blurs without the high ones.
          </li>
        )}
      </ul>
    </div>
  );
}
