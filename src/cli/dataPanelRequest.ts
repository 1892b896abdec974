/**
 * What the Data panel builds for one equation and initial condition, from its defaults (grid,
 * frames, record interval, coefficient ranges) with only the sizes given changed: the data the
 * Node commands train and score shipped models on.
 */
import type { GenerateRequest } from '../data/generate';
import type { InitialConditionId } from '../pde/initial/registry';
import type { PdeId } from '../pde/types';
import { buildParamsFrom } from '../state/buildParams';
import type { Settings } from '../state/settingsSchema';
import { defaultSettings } from '../state/settingsStore';
import { pdeSectionId } from '../state/simulationSchema';

/** One equation and initial condition of the Data panel. */
export interface ClassroomGroup {
  equation: PdeId;
  initial: InitialConditionId;
}

export interface ClassroomSizes {
  count?: number;
  frames?: number;
  n?: number;
  seed: number;
}

/** The Data panel's single-equation build request for one group, with the sizes given. */
export function dataPanelRequest(group: ClassroomGroup, sizes: ClassroomSizes): GenerateRequest {
  const settings = defaultSettings();
  const values: Settings = {
    ...settings,
    sim: { ...settings.sim, pde: group.equation, ...(sizes.n ? { n: String(sizes.n) } : {}) },
    build: {
      ...settings.build,
      mode: 'single',
      seed: sizes.seed,
      ...(sizes.count ? { count: sizes.count } : {}),
      ...(sizes.frames ? { frames: sizes.frames } : {}),
    },
    [pdeSectionId(group.equation)]: {
      ...settings[pdeSectionId(group.equation)],
      initial: group.initial,
    },
  };
  const { request } = buildParamsFrom(values);
  if (request.kind !== 'single') throw new Error('Expected a single-equation build.');
  return request.single;
}
