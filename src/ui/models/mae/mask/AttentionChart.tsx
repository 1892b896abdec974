/**
 * The locality test for one query: attention mass against periodic distance beside nearest-
 * neighbour and inverse-distance weights on the same mask, and r_eff and the non-local mass of each.
 */
import { useMemo } from 'react';
import {
  INVERSE_DISTANCE_POWER,
  NEIGHBOURS,
  type KernelComparison,
  type KernelProfile,
} from '../../../../models/mae/downstream/attentionKernel';
import { PlotlyChart, type PlotlyLayout, type PlotlyTrace } from '../../../views/PlotlyChart';
import { patches, percent } from './attentionText';

export interface AttentionChartProps {
  comparison: KernelComparison;
  /** "decoder block 1, mean of 2 heads". */
  source: string;
}

export function AttentionChart({ comparison: c, source }: AttentionChartProps) {
  const { data, layout } = useMemo(() => {
    const x = c.levels.map((d) => d.toFixed(2));
    const bar = (name: string, p: KernelProfile, color: string): PlotlyTrace => ({
      type: 'bar',
      name,
      x,
      y: p.mass,
      marker: { color },
      hovertemplate: 'd = %{x}: %{y:.3f}<extra>' + name + '</extra>',
    });
    const traces: PlotlyTrace[] = [
      bar('Attention, visible keys (rescaled)', c.attentionVisible, '#d95f02'),
      bar('Attention, all keys', c.attentionAll, '#fdb863'),
      bar(
        `Inverse distance (1/d${superscript(INVERSE_DISTANCE_POWER)})`,
        c.inverseDistance,
        '#1b9e77',
      ),
      bar('Nearest visible patch', c.nearest, '#7570b3'),
    ];
    const chartLayout: PlotlyLayout = {
      barmode: 'group',
      xaxis: { title: { text: 'periodic distance to the query (patch widths)' }, type: 'category' },
      yaxis: { title: { text: 'share of weight' }, rangemode: 'tozero' },
      legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom' },
      margin: { t: 72 },
    };
    return { data: traces, layout: chartLayout };
  }, [c]);

  const rows: [string, KernelProfile][] = [
    ['Decoder attention, visible keys (rescaled to sum to 1)', c.attentionVisible],
    ['Decoder attention, all keys (visible and masked)', c.attentionAll],
    [`Inverse-distance weighting (1/d${superscript(INVERSE_DISTANCE_POWER)})`, c.inverseDistance],
    ['Nearest visible patch (ties split)', c.nearest],
  ];
  return (
    <div className="attention-chart">
      <PlotlyChart
        title={`Attention mass against periodic distance (${source}), beside nearest-neighbour and inverse-distance weights`}
        data={data}
        layout={layout}
        height={320}
      />
      <table className="results-table attention-chart__summary">
        <caption>
          How far each kernel reaches ({source}; the {NEIGHBOURS} nearest visible patches lie within{' '}
          {patches(c.radius)} patch widths)
        </caption>
        <thead>
          <tr>
            <th scope="col">Kernel</th>
            <th scope="col">
              r<sub>eff</sub> = Σ a<sub>ij</sub> d<sub>ij</sub>
            </th>
            <th scope="col">Non-local mass</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, p]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{patches(p.rEff)}</td>
              <td>{percent(p.nonLocal)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        Distance counts patch widths: x and y wrap around the periodic domain; one temporal block
        counts as one unit and does not wrap (time is not periodic). The non-local mass is the share
        of weight farther than the {NEIGHBOURS}th nearest visible patch. The decoder also attends to
        masked patches, which hold only a mask token and a position: the first row leaves them out
        and rescales, the second keeps them.
      </p>
    </div>
  );
}

function superscript(n: number): string {
  const digits = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  return String(n)
    .split('')
    .map((d) => digits[Number(d)] ?? d)
    .join('');
}
