import { useEffect, useRef, useState } from 'react';
import type Plotly from 'plotly.js-cartesian-dist-min';
import type { PlotlyLayout, PlotlyObject, PlotlyTrace } from 'plotly.js-cartesian-dist-min';
import { errorMessage } from '../../util/errorMessage';

export type { PlotlyLayout, PlotlyTrace } from 'plotly.js-cartesian-dist-min';

type PlotlyApi = typeof Plotly;

export type PlotlyChartProps = {
  data: readonly PlotlyTrace[];
  layout?: PlotlyLayout;
  /** Accessible name of the chart. */
  title: string;
  /** CSS pixels. */
  height?: number;
  className?: string;
  /** Called with the hovered point's customdata (and its trace and index). */
  onHover?: (point: HoveredPoint) => void;
  /**
   * Which Plotly bundle draws it: the cartesian one (every chart but one), or the strict one for
   * traces it lacks (`parcoords`). Strict, because those draw with regl, and only the strict
   * bundle ships regl's draw commands precompiled: the others compile them with `Function`,
   * which the page's Content-Security-Policy refuses (src/hosting/contentSecurityPolicy.ts).
   */
  bundle?: PlotlyBundle;
};

export type PlotlyBundle = 'cartesian' | 'strict';

export interface HoveredPoint {
  customdata?: unknown;
  curveNumber: number;
  pointIndex: number;
}

/** The graph div after Plotly has drawn into it: an event emitter. */
type GraphDiv = HTMLDivElement & {
  on?: (event: 'plotly_hover', listener: (e: { points?: HoveredPoint[] }) => void) => void;
  removeAllListeners?: (event: 'plotly_hover') => void;
};

const CONFIG = { displaylogo: false, responsive: true };
const TRANSPARENT = 'rgba(0,0,0,0)';

const BUNDLES: Record<PlotlyBundle, () => Promise<{ default?: unknown }>> = {
  cartesian: () => import('plotly.js-cartesian-dist-min'),
  strict: () => import('plotly.js-strict-dist-min'),
};
const plotlyPromises: Partial<Record<PlotlyBundle, Promise<PlotlyApi>>> = {};

/** Loads a Plotly bundle once, on first use, as its own chunk. */
export function loadPlotly(bundle: PlotlyBundle = 'cartesian'): Promise<PlotlyApi> {
  plotlyPromises[bundle] ??= BUNDLES[bundle]().then(
    // The bundle is UMD: depending on the interop, its API is the default export or the namespace.
    (mod) => (mod.default ?? mod) as PlotlyApi,
    (error: unknown) => {
      delete plotlyPromises[bundle]; // let a later mount try again
      throw error;
    },
  );
  return plotlyPromises[bundle];
}

export function PlotlyChart({
  data,
  layout,
  title,
  height = 300,
  className,
  onHover,
  bundle = 'cartesian',
}: PlotlyChartProps) {
  const plotRef = useRef<GraphDiv>(null);
  const hoverRef = useRef(onHover);
  useEffect(() => {
    hoverRef.current = onHover;
  });
  const [plotly, setPlotly] = useState<PlotlyApi | null>(null);
  const [error, setError] = useState<string | null>(null);
  const themeVersion = useThemeVersion();

  useEffect(() => {
    let cancelled = false;
    loadPlotly(bundle).then(
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
  }, [bundle]);

  useEffect(() => {
    const el = plotRef.current;
    if (!plotly || !el) return;
    plotly
      .react(el, data, themedLayout(el, layout, height), CONFIG)
      .then(() => {
        // Plotly makes the div an event emitter on the first draw; listen once per draw.
        el.removeAllListeners?.('plotly_hover');
        el.on?.('plotly_hover', (e) => {
          const point = e.points?.[0];
          if (point) hoverRef.current?.(point);
        });
      })
      .catch((e: unknown) => {
        setError(`Could not draw the chart: ${errorMessage(e)}`);
      });
  }, [plotly, data, layout, height, themeVersion]);

  useEffect(() => {
    const el = plotRef.current;
    if (!plotly || !el) return;
    return () => plotly.purge(el);
  }, [plotly]);

  useEffect(() => {
    const el = plotRef.current;
    if (!plotly || !el || typeof ResizeObserver === 'undefined') return;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        // Rejects while the element is hidden (e.g. a collapsed panel): nothing to resize then.
        Promise.resolve(plotly.Plots.resize(el)).catch(() => undefined);
      });
    });
    observer.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [plotly]);

  const status = error ?? (plotly ? null : 'Loading chart…');
  return (
    <figure
      className={className ? `plotly-chart ${className}` : 'plotly-chart'}
      aria-label={error ? `${title} (${error})` : title}
      style={{ position: 'relative', margin: 0, minHeight: height }}
    >
      {status && (
        <p
          className={error ? 'plotly-chart__error' : 'plotly-chart__loading'}
          style={{
            position: 'absolute',
            inset: 0,
            margin: 0,
            display: 'grid',
            placeItems: 'center',
          }}
        >
          {status}
        </p>
      )}
      <div ref={plotRef} className="plotly-chart__plot" style={{ width: '100%' }} />
    </figure>
  );
}

function cssVar(style: CSSStyleDeclaration, name: string): string | undefined {
  return style.getPropertyValue(name).trim() || undefined;
}

/** The caller's layout over theme defaults taken from the app's CSS variables. */
function themedLayout(el: HTMLElement, layout: PlotlyLayout | undefined, height: number) {
  const style = getComputedStyle(el);
  const fg = cssVar(style, '--fg');
  const bg = cssVar(style, '--bg');
  const border = cssVar(style, '--border');
  const axis = (own: PlotlyObject | undefined): PlotlyObject => ({
    ...(border && { gridcolor: border, linecolor: border, zerolinecolor: border }),
    ...own,
  });
  return {
    autosize: true,
    height,
    margin: { l: 56, r: 16, t: layout?.title ? 40 : 16, b: 44 },
    paper_bgcolor: TRANSPARENT,
    plot_bgcolor: TRANSPARENT,
    ...layout,
    font: { ...(fg && { color: fg }), ...layout?.font },
    hoverlabel: {
      ...(bg && { bgcolor: bg }),
      ...(border && { bordercolor: border }),
      ...(fg && { font: { color: fg } }),
      ...layout?.hoverlabel,
    },
    legend: { bgcolor: TRANSPARENT, ...layout?.legend },
    xaxis: axis(layout?.xaxis),
    yaxis: axis(layout?.yaxis),
  } satisfies PlotlyLayout;
}

/** Changes when the colour scheme may have changed, so the chart re-reads the CSS variables. */
function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    media?.addEventListener('change', bump);
    // Apps usually switch themes with a class or data attribute on <html>.
    const observer = new MutationObserver(bump);
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['class', 'data-theme'],
    });
    return () => {
      media?.removeEventListener('change', bump);
      observer.disconnect();
    };
  }, []);
  return version;
}
