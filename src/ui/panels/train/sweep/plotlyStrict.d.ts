// The few Plotly functions the sweep view calls, for the untyped minified strict bundle (parcoords).
declare module 'plotly.js-strict-dist-min' {
  type PlotlyObject = { [key: string]: unknown };
  const Plotly: {
    react(
      el: HTMLElement,
      data: readonly PlotlyObject[],
      layout?: PlotlyObject,
      config?: PlotlyObject,
    ): Promise<HTMLElement>;
    purge(el: HTMLElement): void;
    Plots: { resize(el: HTMLElement): Promise<void> | void };
  };
  export default Plotly;
}
