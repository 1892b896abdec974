/**
 * A parallel-coordinates chart of a sweep's runs. Parcoords is not in the cartesian bundle the
 * other charts use, so this loads a second Plotly bundle, on first use, as its own chunk: the
 * strict one, because parcoords draws with regl, and only the strict bundle ships regl's draw
 * commands precompiled — the others compile them with `Function`, which the page's
 * Content-Security-Policy refuses (src/hosting/contentSecurityPolicy.ts).
 */
import { useEffect, useRef, useState } from 'react';
import type Plotly from 'plotly.js-strict-dist-min';
import type { ParcoordsTrace } from '../../../../sweep/parcoords';
import { errorMessage } from '../../../../util/errorMessage';

type PlotlyStrict = typeof Plotly;

let strictPromise: Promise<PlotlyStrict> | undefined;

/** Loads the strict bundle once, on first use. */
function loadPlotlyStrict(): Promise<PlotlyStrict> {
  strictPromise ??= import('plotly.js-strict-dist-min').then(
    // The bundle is UMD: depending on the interop, its API is the default export or the namespace.
    (mod) => (mod.default ?? mod) as PlotlyStrict,
    (error: unknown) => {
      strictPromise = undefined; // let a later mount try again
      throw error;
    },
  );
  return strictPromise;
}

const HEIGHT = 340;

export function ParcoordsChart({ trace, title }: { trace: ParcoordsTrace; title: string }) {
  const plotRef = useRef<HTMLDivElement>(null);
  const [plotly, setPlotly] = useState<PlotlyStrict | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    loadPlotlyStrict().then(
      (api) => {
        if (!cancelled) setPlotly(api);
      },
      (e: unknown) => {
        if (!cancelled) setError(`Could not load the chart library: ${errorMessage(e)}`);
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    const el = plotRef.current;
    if (!plotly || !el) return;
    const style = getComputedStyle(el);
    const fg = style.getPropertyValue('--fg').trim() || undefined;
    const layout = {
      title: { text: title, font: { size: 14 } },
      height: HEIGHT,
      autosize: true,
      margin: { l: 64, r: 64, t: 80, b: 24 },
      paper_bgcolor: 'rgba(0,0,0,0)',
      plot_bgcolor: 'rgba(0,0,0,0)',
      font: fg ? { color: fg } : {},
    };
    plotly
      .react(el, [{ ...trace }], layout, { displaylogo: false, responsive: true })
      .catch((e: unknown) => setError(`Could not draw the chart: ${errorMessage(e)}`));
  }, [plotly, trace, title]);

  useEffect(() => {
    const el = plotRef.current;
    if (!plotly || !el) return;
    return () => plotly.purge(el);
  }, [plotly]);

  const status = error ?? (plotly ? null : 'Loading chart…');
  return (
    <figure
      className="plotly-chart sweep-parcoords"
      aria-label={error ? `${title} (${error})` : title}
      style={{ position: 'relative', margin: 0, minHeight: HEIGHT }}
    >
      {status ? (
        <p className={error ? 'plotly-chart__error' : 'plotly-chart__loading'}>{status}</p>
      ) : null}
      <div ref={plotRef} className="plotly-chart__plot" style={{ width: '100%' }} />
    </figure>
  );
}
