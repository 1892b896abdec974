/** A few experiments a student can run with PhysicNet-style's settings, and what to watch. */
import type { PhysicNetConfig } from '../../../models/physicnet/config';

/** Another codebook size to try: a quarter, or four times when a quarter is too few. */
function otherCodebookSize(codes: number): number {
  return codes >= 32 ? Math.round(codes / 4) : Math.min(1024, codes * 4);
}

export function PhysicNetTips({ config }: { config: PhysicNetConfig }) {
  const other = otherCodebookSize(config.codes);
  return (
    <div className="card model-tips">
      <h2>What to try</h2>
      <ul>
        <li>
          {config.flow
            ? 'Untick the optical-flow expert and train again on the same swirl: a plain convolutional predictor must then learn the motion by itself. '
            : 'Tick the optical-flow expert again and train on the same swirl: the next latent grid is then the current one moved along an estimated flow. '}
          Compare the two runs’ forecast errors, above all at the later steps, where a forecast that
          does not move its content blurs first. With the expert on, watch the live arrows turn
          towards the true velocity’s and the flow end-point error fall.
        </li>
        <li>
          {config.local
            ? `Untick the local branch: the ${config.crops} local experts on crops and their gate go, and the global expert forecasts alone.`
            : 'Tick the local branch again: local experts forecast crops of half the side, and a learnt gate mixes their forecast into the global one.'}{' '}
          In the live picture, the local correction shows where the crops change the forecast;
          compare the SSIM of the two runs to see whether sharp blob edges gain from the zoom.
        </li>
        <li>
          {config.quantize
            ? 'Untick vector quantization: the latent cells stay continuous instead of being snapped to the codebook.'
            : 'Tick vector quantization again: every latent cell is snapped to the nearest codebook entry.'}{' '}
          Does forecasting through a few discrete codes help or hurt at this size? The continuous
          latents carry more detail, the codes a vocabulary you can colour in the code map.
        </li>
        <li>
          {config.quantize ? 'Change' : 'With vector quantization on, change'} the codebook size
          from {config.codes} to {other} codes and watch the codebook perplexity and dead codes: a
          large codebook for a simple field leaves many codes dead (restarted on busy latents), a
          small one forces similar patches to share a code. In the code map, choose a code to see
          which kind of patch it stands for.
        </li>
      </ul>
    </div>
  );
}
