/** Turns a bench JSON report into the Markdown tables the README shows. */
interface SelfTestSummary {
  error?: string;
  totalMs?: number;
  matmul?: { gflopsMedian: number; gflopsBest: number; maxRelativeError: number; warmupMs: number };
  fit?: { msPerStepMedian: number; initialLoss: number; finalLoss: number };
}

interface Report {
  date: string;
  machine: { cpus: number; node: string };
  browser: { version: string; adapter: { vendor: string; architecture: string } | null };
  bundles: Record<string, { gzipBytes: number; bytes: number }>;
  startup: { runs: number; interactiveMs: number; computeReadyMs: number };
  selfTestConfig: {
    size: number;
    batch: number;
    repeats: number;
    fitSteps: number;
    fitGrid: number;
  };
  selfTestBrowser: Record<string, unknown>;
  selfTestNode: Record<string, unknown>;
  display: unknown;
  generationNode?: Record<
    string,
    { scheme: string; steps: number; seconds: number; cellUpdatesPerSecond: number }
  >;
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function selfTestRows(where: string, results: Record<string, unknown>): string[] {
  return Object.entries(results).map(([backend, value]) => {
    const r = value as SelfTestSummary;
    if (r.error || !r.matmul || !r.fit)
      return `| ${where} | ${backend} | failed: ${r.error ?? 'no result'} | | | | |`;
    return `| ${where} | ${backend} | ${r.matmul.gflopsMedian.toFixed(3)} | ${r.matmul.maxRelativeError.toExponential(1)} | ${r.matmul.warmupMs.toFixed(0)} | ${r.fit.msPerStepMedian.toFixed(1)} | ${r.fit.initialLoss.toFixed(3)} → ${r.fit.finalLoss.toFixed(4)} |`;
  });
}

export function formatReport(report: Report): string {
  const c = report.selfTestConfig;
  const display = report.display as { fps?: number; msPerFrame?: number } | undefined;
  return [
    `Measured ${report.date.slice(0, 10)} on ${report.machine.cpus} CPU cores, Node ${report.machine.node}, Chromium ${report.browser.version}, WebGPU adapter ${report.browser.adapter ? `${report.browser.adapter.vendor} ${report.browser.adapter.architecture}` : 'none'}.`,
    '',
    '| first-load JavaScript | gzip | raw |',
    '|---|---|---|',
    ...Object.entries(report.bundles).map(
      ([name, b]) => `| ${name} | ${kB(b.gzipBytes)} | ${kB(b.bytes)} |`,
    ),
    '',
    `| startup (median of ${report.startup.runs} cold loads) | ms |`,
    '|---|---|',
    `| shell interactive | ${report.startup.interactiveMs.toFixed(0)} |`,
    `| compute backend ready | ${report.startup.computeReadyMs.toFixed(0)} |`,
    '',
    `Self-test: ${c.repeats} batched matmuls of ${c.batch}×${c.size}², then ${c.fitSteps} Adam steps on a ${c.fitGrid}² field.`,
    '',
    '| where | backend | matmul GFLOP/s (median) | max rel. error | warm-up ms | fit ms/step | fit loss |',
    '|---|---|---|---|---|---|---|',
    ...selfTestRows('Chromium', report.selfTestBrowser),
    ...selfTestRows('Node', report.selfTestNode),
    '',
    display?.fps
      ? `FieldView 128² animation: ${display.fps.toFixed(1)} frames/s, ${display.msPerFrame?.toFixed(2)} ms to compute and draw a frame.`
      : 'FieldView animation: not measured.',
    ...(report.generationNode
      ? [
          '',
          "Dataset generation in Node (tfjs CPU backend), 32 trajectories at 64², one record interval with each equation's default scheme and step:",
          '',
          '| equation | scheme | solver steps | seconds | grid-cell updates/s |',
          '|---|---|---|---|---|',
          ...Object.entries(report.generationNode).map(
            ([id, g]) =>
              `| ${id} | ${g.scheme} | ${g.steps} | ${g.seconds.toFixed(2)} | ${g.cellUpdatesPerSecond.toExponential(2)} |`,
          ),
        ]
      : []),
  ].join('\n');
}
