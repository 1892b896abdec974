/**
 * `npm run generate -- --pde ns --n 8 --size 64 --frames 20 --dt 1e-3 --record 1 --nu 1e-3 --scheme fno --seed 0 --out ns.npy`
 * Runs the lab's solvers in Node (tfjs WebAssembly, CPU or WebGPU backend) and writes float32
 * [N, T, X, Y, C] .npy plus a metadata JSON beside it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateDataset, type CoefficientChoice } from '../data/generate';
import { stringifyDatasetMeta } from '../data/io/meta';
import { decodeNpy, encodeNpy } from '../data/io/npy';
import {
  datasetInitialCondition,
  INITIAL_CONDITIONS,
  type InitialConditionId,
} from '../pde/initial/registry';
import { PDE_SPECS, pdeSpec } from '../pde/registry';
import {
  DEFAULT_NODE_BACKEND,
  describeBackend,
  NODE_BACKEND_CHOICES,
  startNodeBackend,
} from '../node/backend';
import { errorMessage } from '../util/errorMessage';
import { dataPanelRequest } from './dataPanelRequest';

const COMMON_FLAGS = {
  pde: { type: 'string' },
  n: { type: 'string', default: '8' },
  size: { type: 'string', default: '64' },
  frames: { type: 'string', default: '20' },
  dt: { type: 'string' },
  record: { type: 'string' },
  scheme: { type: 'string' },
  seed: { type: 'string', default: '0' },
  initial: { type: 'string' },
  ic: { type: 'string' },
  batch: { type: 'string', default: '8' },
  backend: { type: 'string', default: DEFAULT_NODE_BACKEND },
  strict: { type: 'boolean', default: false },
  'as-built': { type: 'boolean', default: false },
  noise: { type: 'string', default: '0' },
  'noise-seed': { type: 'string', default: '0' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function helpText(): string {
  const equations = Object.values(PDE_SPECS).map((spec) => {
    const params = Object.entries(spec.params).map(([name, p]) => {
      const range =
        p.kind === 'number'
          ? `${p.min}…${p.max}, default ${p.default}`
          : p.kind === 'choice'
            ? `${p.options.map((o) => o.value).join('|')}, default ${p.default}`
            : `default ${p.default}`;
      return `      --${name}  ${p.label} (${range})`;
    });
    return [
      `  ${spec.id}: ${spec.title}, ${spec.equation}`,
      `      domain [${spec.domain.origin}, ${spec.domain.origin + spec.domain.length})², periodic; channels ${spec.channels.join(', ')}`,
      `      schemes: ${spec.schemes.map((s) => s.id).join(', ')} (default ${spec.defaultScheme}); default --dt ${spec.defaultDt}, --record ${spec.defaultRecordInterval}`,
      ...params,
    ].join('\n');
  });
  return `Generate PDE trajectories with the lab's solvers.

Usage: npm run generate -- --pde ID [options] --out FILE.npy

Options:
  --pde ID          equation: ${Object.keys(PDE_SPECS).join(', ')}
  --n N             trajectories (default 8)
  --size S          grid points per side (default 64)
  --frames T        recorded frames, the initial state included (default 20)
  --dt DT           solver time step (explicit schemes sub-step below their stability limit)
  --record R        time between recorded frames
  --scheme NAME     numerical scheme (see below)
  --seed S          dataset seed: the same seed gives the same data here and in the browser
  --initial ID      initial condition: ${Object.keys(INITIAL_CONDITIONS).join(', ')}
  --ic FILE.npy     use these initial states instead, float32 [N, X, Y, C]
  --batch B         trajectories simulated at once (default 8; does not change the data)
  --backend NAME    tfjs backend: ${NODE_BACKEND_CHOICES}
  --strict          refuse a time step beyond the stability limit instead of sub-stepping
  --as-built        what the Data panel builds for this equation and --initial from its
                    defaults (time step, record interval, scheme, coefficient ranges, initial-
                    condition settings); --n, --size, --frames and --seed still apply
  --noise SIGMA     add Gaussian observation noise of SIGMA × each channel's std (default 0)
  --noise-seed S    the noise's own seed, apart from --seed (default 0)
  --out FILE.npy    output; the metadata goes to FILE.json
  -h, --help        this text

Equation parameters take a value (--nu 1e-3) or a range drawn uniformly per trajectory (--nu 1e-4:1e-3).

Output array: float32 [N, T, X, Y, C]. Axis 2 is x and axis 3 is y, as in FNO's and PDEBench's
files; grid points are x_i = x0 + i·L/S (periodic, endpoint excluded); frame 0 is the initial state.

Equations:
${equations.join('\n')}
`;
}

function positiveInt(name: string, text: string | undefined): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive whole number (got "${text}").`);
  return value;
}

function positiveNumber(name: string, text: string): number {
  const value = Number(text);
  if (!(value > 0)) throw new Error(`--${name} must be a positive number (got "${text}").`);
  return value;
}

function coefficientChoice(name: string, text: string): CoefficientChoice {
  const parts = text.split(':').map(Number);
  if (parts.some((v) => !Number.isFinite(v)) || parts.length > 2)
    throw new Error(`--${name} must be a number or a range min:max (got "${text}").`);
  return parts.length === 2 ? [parts[0]!, parts[1]!] : parts[0]!;
}

async function main(argv: string[]): Promise<void> {
  const { values: common } = parseArgs({ args: argv, options: COMMON_FLAGS, strict: false });
  if (common.help || !common.pde) {
    console.log(helpText());
    if (!common.help) throw new Error('--pde is required.');
    return;
  }
  const spec = pdeSpec(String(common.pde));
  const paramFlags = Object.fromEntries(
    Object.keys(spec.params).map((name) => [name, { type: 'string' as const }]),
  );
  const { values } = parseArgs({
    args: argv,
    options: { ...COMMON_FLAGS, ...paramFlags },
    strict: true,
  });
  const out = values.out;
  if (typeof out !== 'string' || !out.endsWith('.npy'))
    throw new Error('--out FILE.npy is required.');

  const coefficients: Record<string, CoefficientChoice> = {};
  const options: Record<string, string | boolean> = {};
  for (const [name, param] of Object.entries(spec.params)) {
    const text = values[name as keyof typeof values];
    if (typeof text !== 'string') continue;
    if (param.kind === 'number') coefficients[name] = coefficientChoice(name, text);
    else if (param.kind === 'choice') {
      if (!param.options.some((o) => o.value === text))
        throw new Error(
          `--${name} must be one of ${param.options.map((o) => o.value).join(', ')}.`,
        );
      options[name] = text;
    } else options[name] = text === 'true' || text === '1';
  }
  const count = positiveInt('n', values.n as string);
  const size = positiveInt('size', values.size as string);
  let initialStates: Float32Array | undefined;
  if (typeof values.ic === 'string') {
    const { data, shape } = decodeNpy(readFileSync(values.ic));
    const expected = [count, size, size, spec.channels.length];
    if (shape.join() !== expected.join())
      throw new Error(
        `--ic has shape [${shape.join(', ')}]; expected [${expected.join(', ')}] (N, X, Y, C).`,
      );
    initialStates = data;
  }

  const backend = await startNodeBackend(String(values.backend));
  console.error(`Backend: ${describeBackend(backend)}`);
  const frames = positiveInt('frames', values.frames as string);
  const asBuilt = values['as-built'] === true;
  if (
    asBuilt &&
    (initialStates || Object.keys(coefficients).length || Object.keys(options).length)
  ) {
    throw new Error(
      '--as-built takes the Data panel’s settings: drop --ic and the equation’s parameters.',
    );
  }
  const request = asBuilt
    ? {
        ...dataPanelRequest(
          {
            equation: spec.id,
            initial: (typeof values.initial === 'string'
              ? values.initial
              : datasetInitialCondition(spec.id)) as InitialConditionId,
          },
          { count, n: size, frames, seed: Number(values.seed) },
        ),
        batchSize: positiveInt('batch', values.batch as string),
        onUnstable: values.strict ? ('refuse' as const) : ('substep' as const),
      }
    : {
        pde: spec.id,
        count,
        n: size,
        frames,
        dt: values.dt ? positiveNumber('dt', values.dt as string) : spec.defaultDt,
        recordInterval: values.record
          ? positiveNumber('record', values.record as string)
          : spec.defaultRecordInterval,
        scheme: typeof values.scheme === 'string' ? values.scheme : spec.defaultScheme,
        coefficients,
        options,
        initialCondition:
          typeof values.initial === 'string' ? values.initial : datasetInitialCondition(spec.id),
        initialStates,
        seed: Number(values.seed),
        batchSize: positiveInt('batch', values.batch as string),
        onUnstable: values.strict ? ('refuse' as const) : ('substep' as const),
      };
  const noise = {
    sigma: Number(values.noise),
    seed: Number(values['noise-seed']),
  };
  if (!(noise.sigma >= 0) || !Number.isSafeInteger(noise.seed) || noise.seed < 0) {
    throw new Error('--noise must be a number ≥ 0 and --noise-seed a whole number ≥ 0.');
  }
  let lastPercent = -1;
  const dataset = await generateDataset(
    { ...request, noise },
    {
      progress: (f) => {
        const percent = Math.floor(f * 100);
        if (percent >= lastPercent + 10) {
          lastPercent = percent;
          process.stderr.write(`${percent}% `);
        }
      },
      onSubstep: (plan, stableDt) =>
        console.error(
          `\nNote: Δt = ${request.dt} exceeds the stability limit ${stableDt.toPrecision(3)}; sub-stepping with Δt = ${plan.dt.toPrecision(3)}.`,
        ),
    },
  );
  process.stderr.write('\n');
  writeFileSync(out, encodeNpy({ data: dataset.data, shape: dataset.shape }));
  const metaPath = out.replace(/\.npy$/, '.json');
  writeFileSync(
    metaPath,
    stringifyDatasetMeta({
      equation: spec.id,
      scheme: request.scheme,
      ...(initialStates ? {} : { initial: request.initialCondition }),
      seed: request.seed,
      grid: dataset.grid,
      times: dataset.times,
      channels: dataset.channels,
      coefficients: dataset.coefficients,
      split: { train: count, val: 0, test: 0 },
      ...(dataset.noise ? { noise: dataset.noise } : {}),
    }),
  );
  console.log(`Wrote ${out} [${dataset.shape.join(', ')}] and ${metaPath}.`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`generate: ${errorMessage(error)}`);
  process.exit(1);
});
