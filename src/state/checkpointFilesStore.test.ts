import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckpointFileExport, ImportedRun } from '../storage/checkpointFile';
import { useCheckpointFiles } from './checkpointFilesStore';
import { useMask } from './maskStore';
import { useResults } from './resultsStore';
import { useTrain } from './trainStore';

const worker = vi.hoisted(() => ({
  exportCheckpointFile: vi.fn<(runId: string) => Promise<CheckpointFileExport>>(),
  importCheckpointFile: vi.fn<(bytes: Uint8Array) => Promise<ImportedRun>>(),
}));

vi.mock('./runtimeStore', () => ({ computeClient: () => worker }));

const refreshed = { runs: vi.fn(), masks: vi.fn(), results: vi.fn() };

beforeEach(() => {
  worker.exportCheckpointFile.mockReset();
  worker.importCheckpointFile.mockReset();
  for (const spy of Object.values(refreshed)) spy.mockReset().mockResolvedValue(undefined);
  useTrain.setState({ refreshRuns: refreshed.runs });
  useMask.setState({ refreshModels: refreshed.masks });
  useResults.setState({ refreshModels: refreshed.results });
  useCheckpointFiles.setState({ busy: undefined, outcome: undefined });
});

const file = (bytes: number[] | Uint8Array, name = 'run.ckpt') =>
  new File([new Uint8Array(bytes)], name, { type: 'application/octet-stream' });

const imported: ImportedRun = {
  runId: 'r',
  runName: 'MAE tiny on heat',
  checkpointId: 'r:latest',
  step: 10,
  copy: false,
};

describe('importing a checkpoint file', () => {
  it('hands the bytes to the worker, says what was added and lists it everywhere', async () => {
    worker.importCheckpointFile.mockResolvedValue(imported);
    await useCheckpointFiles.getState().importFile(file([1, 2, 3]));
    expect(worker.importCheckpointFile).toHaveBeenCalledWith(new Uint8Array([1, 2, 3]));
    expect(useCheckpointFiles.getState().outcome).toEqual({
      tone: 'info',
      text: 'Imported “run.ckpt”: the run “MAE tiny on heat” with its model at step 10.',
    });
    expect(useCheckpointFiles.getState().busy).toBeUndefined();
    for (const spy of Object.values(refreshed)) expect(spy).toHaveBeenCalledOnce();
  });

  it('says when the run was added as a copy', async () => {
    worker.importCheckpointFile.mockResolvedValue({ ...imported, runName: 'x (copy)', copy: true });
    await useCheckpointFiles.getState().importFile(file([1]));
    expect(useCheckpointFiles.getState().outcome?.text).toMatch(
      /the run “x \(copy\)” .* already saved here, so this one was added as a copy\.$/,
    );
  });

  it('reports a refused file in words, and lists nothing new', async () => {
    worker.importCheckpointFile.mockRejectedValue(
      new Error('Truncated checkpoint: weight "a" needs floats 0…8, the file holds 4.'),
    );
    await useCheckpointFiles.getState().importFile(file([1], 'cut.ckpt'));
    expect(useCheckpointFiles.getState().outcome).toEqual({
      tone: 'problem',
      text: '“cut.ckpt” was not imported: Truncated checkpoint: weight "a" needs floats 0…8, the file holds 4. Nothing was saved.',
    });
    for (const spy of Object.values(refreshed)) expect(spy).not.toHaveBeenCalled();
  });

  it('refuses an empty file without asking the worker', async () => {
    await useCheckpointFiles.getState().importFile(file([], 'empty.ckpt'));
    expect(worker.importCheckpointFile).not.toHaveBeenCalled();
    expect(useCheckpointFiles.getState().outcome?.text).toBe(
      '“empty.ckpt” was not imported: the file is empty. Nothing was saved.',
    );
  });

  it('takes one file at a time', async () => {
    let finish!: (run: ImportedRun) => void;
    worker.importCheckpointFile.mockReturnValue(new Promise((resolve) => (finish = resolve)));
    const first = useCheckpointFiles.getState().importFile(file([1], 'a.ckpt'));
    await vi.waitFor(() => expect(worker.importCheckpointFile).toHaveBeenCalledOnce());
    expect(useCheckpointFiles.getState().busy).toEqual({ kind: 'import', fileName: 'a.ckpt' });
    await useCheckpointFiles.getState().importFile(file([2], 'b.ckpt'));
    finish(imported);
    await first;
    expect(worker.importCheckpointFile).toHaveBeenCalledOnce();
    expect(useCheckpointFiles.getState().outcome?.text).toMatch(/^Imported “a\.ckpt”/);
  });
});

describe('exporting a run', () => {
  it('returns the file and says what was written', async () => {
    const exported = { fileName: 'MAE-tiny.ckpt', bytes: new Uint8Array(2500) };
    worker.exportCheckpointFile.mockResolvedValue(exported);
    expect(await useCheckpointFiles.getState().exportRun('r', 'MAE tiny')).toBe(exported);
    expect(worker.exportCheckpointFile).toHaveBeenCalledWith('r');
    expect(useCheckpointFiles.getState().outcome).toEqual({
      tone: 'info',
      text: 'Exported “MAE tiny” as “MAE-tiny.ckpt” (2.5 kB).',
    });
  });

  it('says why a run cannot be exported', async () => {
    worker.exportCheckpointFile.mockRejectedValue(
      new Error('This run has no saved checkpoint yet: there is no model to export.'),
    );
    expect(await useCheckpointFiles.getState().exportRun('r', 'MAE tiny')).toBeUndefined();
    expect(useCheckpointFiles.getState().outcome).toEqual({
      tone: 'problem',
      text: '“MAE tiny” was not exported: This run has no saved checkpoint yet: there is no model to export.',
    });
  });
});
