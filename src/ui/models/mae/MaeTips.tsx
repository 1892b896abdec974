/** A few experiments a student can run with the masked autoencoder's settings, and what to watch. */
import type { MaeConfig } from '../../../models/mae/config';
import { previewMasking } from '../../../state/modelSettings';

export function MaeTips({ config }: { config: MaeConfig }) {
  return (
    <div className="card model-tips">
      <h2>What to try</h2>
      <ul>
        <li>
          Raise the training mask ratio towards 0.9, as the paper trains, and watch the encoder box:
          it reads fewer and fewer tokens, so each training step gets cheaper while the puzzle gets
          harder.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() =>
              previewMasking({
                ratio: config.maskRatio,
                patchTime: config.patchT,
                patchSide: config.patchXY,
                frames: config.frames,
              })
            }
          >
            See this masking in the Mask panel
          </button>{' '}
          to judge how much of a simulation is left to learn from.
        </li>
        <li>
          Halve the patch side: four times as many tokens, while the parameter count grows only
          through the longer position tables. Attention compares every token with every other, so
          the work per training step grows much faster than the model.
        </li>
        <li>
          Widen the encoder, then the decoder, and compare how the parameter count responds. The
          decoder is kept light on purpose: it is thrown away after pretraining, and only the
          encoder is reused.
        </li>
      </ul>
    </div>
  );
}
