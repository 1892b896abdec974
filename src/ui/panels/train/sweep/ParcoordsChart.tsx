/**
 * A parallel-coordinates chart of a sweep's runs. Parcoords is not in the cartesian bundle the
 * other charts use: it comes from Plotly's strict bundle, loaded on first use as its own chunk.
 */
import { useMemo } from 'react';
import type { ParcoordsTrace } from '../../../../sweep/parcoords';
import { PlotlyChart } from '../../../views/PlotlyChart';

export function ParcoordsChart({ trace, title }: { trace: ParcoordsTrace; title: string }) {
  const data = useMemo(() => [{ ...trace }], [trace]);
  const layout = useMemo(
    () => ({ title: { text: title, font: { size: 14 } }, margin: { l: 64, r: 64, t: 80, b: 24 } }),
    [title],
  );
  return (
    <PlotlyChart
      bundle="strict"
      data={data}
      layout={layout}
      title={title}
      height={340}
      className="sweep-parcoords"
    />
  );
}
