/**
 * `npm run evaluate -- --checkpoint F.ckpt [options] …`: scores a checkpoint with its own model's
 * evaluation (its `cli/evaluate`), found from the model id the checkpoint names.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL_ID } from '../models/catalog';
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
  // Without a checkpoint there is nothing to dispatch on: the lab's first model prints its usage.
  const modelId = file
    ? decodeCheckpoint(new Uint8Array(readFileSync(file))).modelId
    : DEFAULT_MODEL_ID;
  const evaluate = await modelCommand('evaluate', modelId);
  await evaluate(args);
});
