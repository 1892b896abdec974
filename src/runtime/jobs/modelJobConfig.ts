/** The generic model job's parameters: plain data the UI may import. */

/**
 * One of a model's own jobs (ModelRuntime.jobs in models/runtime.ts): which model, which of its
 * jobs, and that job's params. Its result is the job's own; each model's UI types both.
 */
export interface ModelJobParams {
  modelId: string;
  job: string;
  params: unknown;
}
