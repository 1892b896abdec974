// Plotly's strict bundle has the cartesian bundle's API (plotly.d.ts), with every trace type.
declare module 'plotly.js-strict-dist-min' {
  import type Plotly from 'plotly.js-cartesian-dist-min';
  const strict: typeof Plotly;
  export default strict;
}
