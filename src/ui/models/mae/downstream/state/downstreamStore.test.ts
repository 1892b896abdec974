import { beforeEach, describe, expect, it } from 'vitest';
import { MAE_PRESETS } from '../../../../../models/mae/config';
import { pretrainedRunId } from '../../../../../models/pretrained';
import { useDownstream } from './downstreamStore';
import { chosenModel, type SavedModel } from '../../../../../state/savedModels';

const PRETRAINED_RUN_ID = pretrainedRunId('mae');

const option = (runId: string, savedAt: number): SavedModel => ({
  checkpointId: `${runId}:latest`,
  savedAt,
  runId,
  runName: runId,
  step: 10,
  modelId: 'mae',
  config: MAE_PRESETS.tiny.config,
  channels: 1,
});

const pretrained = option(PRETRAINED_RUN_ID, 1);
const noisy = option('noisy', 2);
const shown = (models: SavedModel[]) => chosenModel(models, useDownstream.getState().checkpointId);

beforeEach(() => {
  useDownstream.setState({ checkpointId: undefined, datasetId: undefined });
});

describe('the Downstream encoder', () => {
  it('stays the pretrained model when a newer run is listed', () => {
    useDownstream.getState().keepModel([pretrained]);
    expect(shown([noisy, pretrained])?.runId).toBe(PRETRAINED_RUN_ID);
    useDownstream.getState().keepModel([noisy, pretrained]);
    expect(useDownstream.getState().checkpointId).toBe(pretrained.checkpointId);
  });

  it("keeps the user's pick, and picks the default again only once it is deleted", () => {
    useDownstream.getState().choose({ checkpointId: noisy.checkpointId });
    useDownstream.getState().keepModel([option('newer', 3), noisy, pretrained]);
    expect(useDownstream.getState().checkpointId).toBe(noisy.checkpointId);
    useDownstream.getState().keepModel([option('newer', 3), pretrained]);
    expect(useDownstream.getState().checkpointId).toBe(pretrained.checkpointId);
  });

  it('defaults to the newest model when no pretrained model is saved', () => {
    useDownstream.getState().keepModel([noisy, option('old', 0)]);
    expect(useDownstream.getState().checkpointId).toBe(noisy.checkpointId);
    useDownstream.getState().keepModel([]);
    expect(useDownstream.getState().checkpointId).toBeUndefined();
  });
});
