/**
 * `npm run evaluate -- --checkpoint F.ckpt [options] …`: scores a checkpoint with its own model's
 * evaluation (its `cli/evaluate`), found from the model id the checkpoint names.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { decodeCheckpoint } from '../models/nn/checkpoint';
import { modelCommand, runCommand } from './modelCommands';

runCommand('evaluate', async () => {
  const args = process.argv.slice(2);
  const { values } = parseArgs({
    args,
    options: { checkpoint: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: false,
    allowPositionals: true,
  });
  const file = typeof values.checkpoint === 'string' ? values.checkpoint : undefined;
  // Without a checkpoint there is nothing to dispatch on: the MAE's command prints the usage.
  const modelId = file ? decodeCheckpoint(new Uint8Array(readFileSync(file))).modelId : 'mae';
  await (
    await modelCommand('evaluate', modelId)
  )(args);
});
