/** `npm run experiment -- <model> [options]`: a model's own experiment (its `cli/experiment`). */
import { modelCommand, runCommand } from './modelCommands';

runCommand('experiment', async () => {
  const [modelId, ...args] = process.argv.slice(2);
  await (
    await modelCommand('experiment', modelId)
  )(args);
});
