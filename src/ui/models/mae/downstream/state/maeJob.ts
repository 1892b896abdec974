/**
 * Starts one of the MAE's own worker jobs (models/mae/jobs) the way the downstream stores keep
 * theirs (state/keptJob): as the worker's generic `modelJob`, with params and result typed by the
 * job's name.
 */
import { maeInfo } from '../../../../../models/mae/info';
import type { MaeJobName, MaeJobTypes } from '../../../../../models/mae/jobs/jobTypes';
import { startKeptJob, type KeptJobState } from '../../../../../state/keptJob';
import type { Outcome } from '../../../../../state/outcome';

export function startMaeJob<J extends MaeJobName>(
  job: J,
  params: MaeJobTypes[J]['params'],
  /** `title` names the job in the jobs list; `what` starts a sentence: "The regression". */
  words: { title: string; what: string },
  set: (change: KeptJobState) => void,
  finish: (result: MaeJobTypes[J]['result']) => Outcome | undefined,
): void {
  startKeptJob('modelJob', { modelId: maeInfo.id, job, params }, words, set, (result) =>
    // The worker ran this job by its name, so the result is this job's.
    finish(result as MaeJobTypes[J]['result']),
  );
}
