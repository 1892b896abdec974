/**
 * The pretrained model the site ships: installed into lab storage by the worker once the compute
 * runtime is ready (on every start, so a newer shipped model replaces an older one), then listed
 * by every panel like a model the user trained. Its manifest tells the UI how it was made.
 */
import { create } from 'zustand';
import type { PretrainedManifest } from '../models/mae/pretrained';
import { PRETRAINED_DIRECTORY } from '../models/mae/pretrained';
import { errorMessage } from '../util/errorMessage';
import { useMask } from './maskStore';
import { computeClient, useRuntime } from './runtimeStore';
import { useTrain } from './trainStore';

export type PretrainedStatus = 'waiting' | 'installing' | 'ready' | 'absent' | 'failed';

interface PretrainedState {
  status: PretrainedStatus;
  manifest?: PretrainedManifest;
  checkpointId?: string;
  problem?: string;
}

export const usePretrained = create<PretrainedState>()(() => ({ status: 'waiting' }));

/** The shipped model's directory, absolute, under the site's base URL. */
export function pretrainedDirectoryUrl(): string {
  return new URL(`${import.meta.env.BASE_URL}${PRETRAINED_DIRECTORY}/`, window.location.href).href;
}

async function install(): Promise<void> {
  usePretrained.setState({ status: 'installing', problem: undefined });
  try {
    const result = await computeClient().installPretrained(pretrainedDirectoryUrl());
    if (result.status === 'absent') {
      usePretrained.setState({ status: 'absent' });
      return;
    }
    usePretrained.setState({
      status: 'ready',
      manifest: result.manifest,
      checkpointId: result.checkpointId,
    });
    if (result.status === 'installed') {
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
