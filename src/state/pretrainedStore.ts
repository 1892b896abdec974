/**
 * The pretrained models the site ships: installed into lab storage by the worker once the compute
 * runtime is ready (on every start, so a newer shipped model replaces an older one), then listed
 * by every panel like a model the user trained. Each one's manifest, by model id, tells the UI
 * how it was made.
 */
import { create } from 'zustand';
import { PRETRAINED_DIRECTORY, type ShippedManifest } from '../models/pretrained';
import { errorMessage } from '../util/errorMessage';
import { useMask } from './maskStore';
import { computeClient, useRuntime } from './runtimeStore';
import { useTrain } from './trainStore';

export type PretrainedStatus = 'waiting' | 'installing' | 'ready' | 'absent' | 'failed';

interface PretrainedState {
  /** `ready`: at least one shipped model is installed. */
  status: PretrainedStatus;
  /** The installed models' manifests, by model id. */
  manifests: Readonly<Record<string, ShippedManifest>>;
  problem?: string;
}

export const usePretrained = create<PretrainedState>()(() => ({
  status: 'waiting',
  manifests: {},
}));

/** The shipped model's directory, absolute, under the site's base URL. */
export function pretrainedDirectoryUrl(): string {
  return new URL(`${import.meta.env.BASE_URL}${PRETRAINED_DIRECTORY}/`, window.location.href).href;
}

async function install(): Promise<void> {
  usePretrained.setState({ status: 'installing', problem: undefined });
  try {
    const { installed, problems } =
      await computeClient().installPretrained(pretrainedDirectoryUrl());
    const problem = problems.length
      ? `The pretrained model could not be loaded: ${problems.join(' ')}`
      : undefined;
    usePretrained.setState({
      status: installed.length ? 'ready' : problem ? 'failed' : 'absent',
      manifests: Object.fromEntries(installed.map((m) => [m.modelId, m.manifest])),
      problem,
    });
    if (installed.some((m) => m.status === 'installed')) {
      await Promise.all([useMask.getState().refreshModels(), useTrain.getState().refreshRuns()]);
    }
  } catch (error) {
    usePretrained.setState({
      status: 'failed',
      problem: `The pretrained model could not be loaded: ${errorMessage(error)}`,
    });
  }
}

/** Installs the shipped model when the runtime first becomes ready (and after a restart). */
export function startPretrainedInstall(): () => void {
  let installedFor = -1;
  const check = () => {
    const { status, generation } = useRuntime.getState();
    if (status !== 'ready' || generation === installedFor) return;
    if (usePretrained.getState().status === 'ready') return;
    installedFor = generation;
    void install();
  };
  check();
  return useRuntime.subscribe(check);
}
