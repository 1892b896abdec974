// The few Plotly functions the app calls, for the untyped minified cartesian bundle.
declare module 'plotly.js-cartesian-dist-min' {
  export type PlotlyObject = { [key: string]: unknown };

  export type PlotlyValues =
    | readonly (number | string | null)[]
    | readonly (readonly (number | null)[])[]
    | Float32Array
    | Float64Array;

  export interface PlotlyTrace {
    type?: string;
    mode?: string;
    name?: string;
    x?: PlotlyValues;
    y?: PlotlyValues;
    z?: PlotlyValues;
    line?: PlotlyObject;
    marker?: PlotlyObject;
    [key: string]: unknown;
  }

  export interface PlotlyLayout {
    title?: string | PlotlyObject;
    height?: number;
    width?: number;
    margin?: PlotlyObject;
    font?: PlotlyObject;
    xaxis?: PlotlyObject;
    yaxis?: PlotlyObject;
    legend?: PlotlyObject;
    hoverlabel?: PlotlyObject;
    showlegend?: boolean;
    [key: string]: unknown;
  }

  export type PlotlyConfig = PlotlyObject;

  export function react(
    el: HTMLElement,
    data: readonly PlotlyTrace[],
    layout?: PlotlyLayout,
    config?: PlotlyConfig,
  ): Promise<HTMLElement>;
  export function purge(el: HTMLElement): void;
  export const Plots: { resize(el: HTMLElement): Promise<void> | void };

  const Plotly: { react: typeof react; purge: typeof purge; Plots: typeof Plots };
  export default Plotly;
}
