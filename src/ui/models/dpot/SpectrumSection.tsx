/**
 * Each Fourier block's mixer seen through its spectrum, one block at a time: for every frequency
 * the block keeps, the energy entering its small complex network, the energy leaving it, and
 * their ratio (the gain: red where the block amplifies a frequency, blue where it damps it);
 * with one sentence per block on what it does to smooth and fine patterns.
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import type { MixerSpectrum } from '../../../models/snapshot';
import { FieldView } from '../../views/FieldView';
import { spectrumPictures, spectrumSummary } from './rolloutData';

const VIEW_SIZE = 150;

function span(values: readonly number[]): string {
  return values.length ? `${values[0]} to ${values.at(-1)}` : 'none';
}

export function SpectrumSection({
  spectra,
  heading = 'What each Fourier block does to the frequencies',
  about,
  controls,
}: {
  spectra: readonly MixerSpectrum[];
  heading?: string;
  /** Which window the spectra are of, e.g. "the validation trajectory’s input frames". */
  about: string;
  /** More controls for the toolbar, before the block's, e.g. which model's spectra these are. */
  controls?: ReactNode;
}) {
  const ids = { heading: useId(), block: useId(), summary: useId() };
  const [blockChoice, setBlock] = useState(0);
  const block = Math.min(blockChoice, Math.max(0, spectra.length - 1));
  const spectrum = spectra[block];
  const pictures = useMemo(() => (spectrum ? spectrumPictures(spectrum) : undefined), [spectrum]);
  if (!spectrum || !pictures) return null;
  const axes = `${pictures.kx.length} × ${pictures.ky.length} kept modes: frequency along x from ${span(pictures.kx)} across, along y from ${span(pictures.ky)} up.`;

  return (
    <section className="card dpot-spectrum" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{heading}</h2>
      <p className="muted small">
        Each block turns the grid of tokens into its spectrum (how much of each wave pattern it
        holds), passes every kept frequency through the same small network, and turns it back. Here,
        for {about}: the energy of each frequency going in, coming out, and the ratio of the two.
        Smooth patterns sit at the bottom {pictures.kx[0]! < 0 ? 'centre' : 'left'}, where both
        frequencies are near 0; finer ones lie further out.
      </p>
      <div className="train-reconstruction__toolbar">
        {controls}
        <label htmlFor={ids.block} className="inline-label">
          Block
          <select
            id={ids.block}
            value={block}
            aria-describedby={ids.summary}
            onChange={(e) => setBlock(Number(e.target.value))}
          >
            {spectra.map((_, b) => (
              <option key={b} value={b}>
                {b + 1} of {spectra.length}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p id={ids.summary} aria-live="polite">
        {spectrumSummary(block + 1, spectrum)}
      </p>
      <p className="muted small">{axes}</p>
      <div
        className="train-reconstruction__views"
        role="group"
        aria-label={`Block ${block + 1}, log₁₀ per mode`}
      >
        <FieldView
          field={pictures.input}
          label="Energy in"
          range={pictures.energyRange}
          colormap="magma"
          size={VIEW_SIZE}
        />
        <FieldView
          field={pictures.output}
          label="Energy out"
          range={pictures.energyRange}
          colormap="magma"
          size={VIEW_SIZE}
        />
        <FieldView
          field={pictures.gain}
          label="Gain, out ÷ in"
          range={pictures.gainRange}
          colormap="coolwarm"
          size={VIEW_SIZE}
        />
      </div>
      <details className="details-toggle">
        <summary>Details</summary>
        <p>
          The spectrum is the real 2-D DFT of the block’s normalised tokens on the patch grid; the
          block keeps the first {pictures.kx.length} row and {pictures.ky.length} column indices
          (DPOT’s <code>x[:, :modes, :modes]</code>) and zeroes the rest. Energy is |ẑ|² summed over
          the channels and the window, on a log₁₀ scale shared by the first two pictures; the gain
          is log₁₀(out ÷ in), 0 where the mixer leaves a frequency as it is. The network is the
          block-diagonal complex two-layer MLP, measured before the soft-threshold and the skip that
          adds the block’s input back. Grey: no energy.
        </p>
        <ul>
          {spectra.map((s, b) => (
            <li key={b}>{spectrumSummary(b + 1, s)}</li>
          ))}
        </ul>
      </details>
    </section>
  );
}
