/** The kit's result as a plain-text table: WebGPU (tfjs) next to PyTorch and numpy. */

type Json = Record<string, unknown>;

function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Json)[key];
  }
  return current;
}

/** A figure, or why there is none. */
function cell(entry: unknown, key: string, unit: string): string {
  const value = at(entry, key);
  if (typeof value === 'number') return `${value.toPrecision(3)} ${unit}`;
  const why = at(entry, 'skipped') ?? at(entry, 'error');
  return typeof why === 'string' ? `— (${why.length > 60 ? `${why.slice(0, 57)}…` : why})` : '—';
}

export function formatTable(result: Json): string {
  const adapter = at(result, 'adapter') as Json | null;
  const torch = at(result, 'python', 'torch');
  const numpy = at(result, 'python', 'numpy');
  const torchLabel =
    `PyTorch ${String(at(torch, 'device') ?? at(result, 'python', 'device') ?? '')}`.trim();
  const rows: string[][] = [
    ['workload', `tfjs ${String(at(result, 'backend'))}`, torchLabel, 'numpy'],
    ['matmul 1024²', cell(at(result, 'matmul', '1024'), 'gflops', 'GFLOP/s'), '', ''],
    ['matmul 4096²', cell(at(result, 'matmul', '4096'), 'gflops', 'GFLOP/s'), '', ''],
    ...(['small', 'paper'] as const).map((p) => {
      const key = p === 'small' ? 'maeSmall' : 'maePaper';
      return [
        `MAE ${p} step, batch 8`,
        cell(at(result, 'mae', p), 'msPerStep', 'ms'),
        cell(at(torch, key), 'msPerStep', 'ms'),
        '',
      ];
    }),
    ...(['64', '256'] as const).map((n) => [
      `NS FNO ${n}², batch ${n === '64' ? 32 : 4}`,
      cell(at(result, 'ns', n), 'stepsPerSecond', 'steps/s'),
      cell(at(torch, `ns${n}`), 'stepsPerSecond', 'steps/s'),
      cell(at(numpy, `ns${n}`), 'stepsPerSecond', 'steps/s'),
    ]),
    [
      'live NS 64² (frames)',
      cell(at(result, 'live', 'ns64'), 'framesPerSecond', 'frames/s'),
      '',
      '',
    ],
    [
      'live heat 64² (frames)',
      cell(at(result, 'live', 'heat64'), 'framesPerSecond', 'frames/s'),
      '',
      '',
    ],
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r
      .map((v, c) => v.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  const title = adapter
    ? `Adapter: ${[adapter.vendor, adapter.architecture, adapter.description].filter(Boolean).join(' · ')}${adapter.software ? ' (software)' : ''}`
    : 'No WebGPU adapter';
  const python = at(result, 'python', 'skipped');
  return [
    title,
    line(rows[0]!),
    ...rows.slice(1).map(line),
    ...(typeof python === 'string' ? [`PyTorch: ${python}`] : []),
  ].join('\n');
}
