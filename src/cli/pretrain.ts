/** `npm run pretrain -- <model> [options]`: trains a model shipped with the lab (its `cli/pretrain`). */
import { modelCommand, runCommand } from './modelCommands';

runCommand('pretrain', async () => {
  const [modelId, ...args] = process.argv.slice(2);
  await (
    await modelCommand('pretrain', modelId)
  )(args);
});
