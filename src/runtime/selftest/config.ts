/** The GPU self-test's settings and result shape. Plain data: the UI imports this, not the job. */
import { defineSchema, type SchemaValues } from '../../schema/params';

export const selfTestSchema = defineSchema({
  size: {
    kind: 'number',
    key: 'st.n',
    label: 'Matrix size',
    unit: 'n',
    min: 16,
    max: 2048,
    default: 512,
    integer: true,
    help: 'Each matmul multiplies n×n matrices. Larger sizes measure peak throughput better.',
  },
  batch: {
    kind: 'number',
    key: 'st.b',
    label: 'Batch',
    min: 1,
    max: 16,
    default: 4,
    integer: true,
    help: 'Matrices multiplied at once in one batched matmul.',
  },
  repeats: {
    kind: 'number',
    key: 'st.r',
    label: 'Timed repeats',
    min: 1,
    max: 200,
    default: 10,
    integer: true,
    help: 'Batched matmuls that are timed after one untimed warm-up (which compiles shaders).',
  },
  fitSteps: {
    kind: 'number',
    key: 'st.s',
    label: 'Fit steps',
    min: 1,
    max: 5000,
    default: 300,
    integer: true,
    help: 'Adam steps of the gradient-descent fit of a small network to a 2-D field.',
  },
  fitGrid: {
    kind: 'number',
    key: 'st.g',
    label: 'Fit grid',
    unit: 'cells per side',
    min: 8,
    max: 256,
    default: 64,
    integer: true,
  },
  learningRate: {
    kind: 'number',
    key: 'st.lr',
    label: 'Learning rate',
    min: 1e-4,
    max: 1,
    default: 0.01,
    log: true,
  },
});

export type SelfTestParams = SchemaValues<typeof selfTestSchema>;

export interface MatmulReport {
  size: number;
  batch: number;
  /** Wall time of each timed batched matmul, including one small readback to wait for it. */
  msPerRepeat: number[];
  gflopsMedian: number;
  gflopsBest: number;
  /** Largest error of sampled output entries against a float64 reference, relative to Σ|a·b|. */
  maxRelativeError: number;
  warmupMs: number;
}

export interface FitReport {
  steps: number;
  grid: number;
  parameterCount: number;
  msPerStepMedian: number;
  /** Mean squared error after each step. */
  losses: Float32Array;
  initialLoss: number;
  finalLoss: number;
  target: Float32Array;
  prediction: Float32Array;
}

export interface SelfTestResult {
  backend: string;
  startedAt: number;
  totalMs: number;
  matmul: MatmulReport;
  fit: FitReport;
  /** Live tensors before and after the job: equal when nothing leaked. */
  tensorsBefore: number;
  tensorsAfter: number;
}
