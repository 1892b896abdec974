/** A few experiments a student can run with DINo's settings, and what to watch. */
import { freeRolloutFrom, type DinoConfig } from '../../../models/dino/config';

export function DinoTips({ config }: { config: DinoConfig }) {
  const percent = Math.round(config.subsamplingRate * 100);
  return (
    <div className="card model-tips">
      <h2>What to try</h2>
      <ul>
        <li>
          Lower the observed share of the grid from {percent} % to 5 %, as the paper does, and train
          again. In the Results panel’s forecast lab, compare the error at the sensors (In-s) with
          the error between them (Out-s): if the decoder really is a continuous field, the two stay
          close even when 19 points in 20 are never seen.
        </li>
        <li>
          Halve the code size ({config.codeDim} numbers now). Every frame must then fit in fewer
          numbers: watch the forecast errors settle higher and the live forecast lose its fine
          detail first.
        </li>
        <li>
          Switch the update schedule between “As DINo” and “Everything steps every batch”. DINo
          steps its decoder and dynamics only once per pass through the data, which is steady but
          slow; stepping every batch learns faster at first. Compare the two runs’ curves.
        </li>
        <li>
          Teacher forcing restarts the rollout from fitted codes, so the dynamics first learn one
          frame at a time; the restarts fade out and end after{' '}
          {freeRolloutFrom(config).toLocaleString('en')} iterations, when the rollout runs free.
          Train past that point and watch the “Later frames” errors and the frames beyond the
          training horizon in the live forecast: extrapolation in time needs the free rollout. Then
          try a shorter or longer decay interval.
        </li>
      </ul>
    </div>
  );
}
