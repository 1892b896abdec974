/** Self-test figures per run (a table to compare backends), the loss curve and the fitted field. */
import { useMemo } from 'react';
import type { SelfTestResult } from '../../../runtime/selftest/config';
import { useDiagnostics } from '../../../state/diagnosticsStore';
import { useThrottled } from '../../useThrottled';
import { formatMs, formatValue } from '../../format';
import { FieldView } from '../../views/FieldView';
import { PlotlyChart } from '../../views/PlotlyChart';

export function SelfTestResults() {
  const results = useDiagnostics((s) => s.results);
  const running = useDiagnostics((s) => s.activeJobId !== undefined);
  const liveLoss = useThrottled(
    useDiagnostics((s) => s.liveLoss),
    250,
  );
  const latest = results[0];
  const losses = running ? liveLoss : latest ? Array.from(latest.fit.losses) : [];

  return (
    <div className="selftest-results">
      {results.length > 0 ? <ResultsTable results={results} /> : null}
      {losses.length > 0 ? (
        <PlotlyChart
          title="Fit loss per step"
          height={240}
          data={[{ type: 'scatter', mode: 'lines', y: losses, name: 'loss', line: { width: 2 } }]}
          layout={{
            xaxis: { title: { text: 'step' } },
            yaxis: { title: { text: 'mean squared error' }, type: 'log' },
            margin: { l: 60, r: 10, t: 10, b: 40 },
            showlegend: false,
          }}
        />
      ) : null}
      {latest && !running ? <FittedFields result={latest} /> : null}
    </div>
  );
}

function ResultsTable({ results }: { results: SelfTestResult[] }) {
  return (
    <table className="results-table">
      <caption>Self-test results, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Backend</th>
          <th scope="col">Matmul</th>
          <th scope="col">GFLOP/s (median)</th>
          <th scope="col">GFLOP/s (best)</th>
          <th scope="col">Max rel. error</th>
          <th scope="col">Fit ms/step</th>
          <th scope="col">Loss first → last</th>
          <th scope="col">Total</th>
        </tr>
      </thead>
      <tbody>
        {results.map((r) => (
          <tr key={r.startedAt}>
            <td>{r.backend}</td>
            <td>
              {r.matmul.batch}×{r.matmul.size}²
            </td>
            <td data-testid="gflops">{formatValue(r.matmul.gflopsMedian)}</td>
            <td>{formatValue(r.matmul.gflopsBest)}</td>
            <td className={r.matmul.maxRelativeError > 1e-3 ? 'text-problem' : undefined}>
              {r.matmul.maxRelativeError.toExponential(1)}
            </td>
            <td>{formatMs(r.fit.msPerStepMedian)}</td>
            <td>
              {formatValue(r.fit.initialLoss)} → {formatValue(r.fit.finalLoss)}
            </td>
            <td>{formatMs(r.totalMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FittedFields({ result }: { result: SelfTestResult }) {
  const { grid, target, prediction } = result.fit;
  const fields = useMemo(() => {
    const error = prediction.map((p, i) => p - (target[i] ?? 0));
    return {
      target: { data: target, width: grid, height: grid },
      prediction: { data: prediction, width: grid, height: grid },
      error: { data: error, width: grid, height: grid },
    };
  }, [grid, target, prediction]);
  const range = { min: -1.1, max: 1.1 };
  return (
    <div className="field-row">
      <FieldView
        label="Target field"
        field={fields.target}
        range={range}
        colormap="coolwarm"
        size={140}
      />
      <FieldView
        label="Network fit"
        field={fields.prediction}
        range={range}
        colormap="coolwarm"
        size={140}
      />
      <FieldView label="Fit error" field={fields.error} symmetric size={140} />
    </div>
  );
}
