/**
 * Each model's Node commands, loaded on demand: `npm run experiment | pretrain | evaluate -- <model>`
 * reach a model only through this table. Adding a model's commands is its `cli/` folder and a line
 * here; a catalog entry without one does not compile.
 */
import type { ModelId } from '../models/catalog';
import { isModelId } from '../models/catalog';

export type CommandName = 'experiment' | 'pretrain' | 'evaluate';

/** Each command takes the arguments after the model's name. */
export type ModelCommands = Partial<Record<CommandName, (args: string[]) => Promise<void>>>;

const MODEL_COMMANDS: { readonly [Id in ModelId]: () => Promise<ModelCommands> } = {
  mae: () => import('../models/mae/cli'),
  dino: () => import('../models/dino/cli'),
  physicnet: () => import('../models/physicnet/cli'),
  dpot: () => import('../models/dpot/cli'),
};

/** The command of a model, or an error in words naming what exists. */
export async function modelCommand(
  command: CommandName,
  modelId: string | undefined,
): Promise<(args: string[]) => Promise<void>> {
  const offering = async () => {
    const ids = Object.keys(MODEL_COMMANDS) as ModelId[];
    const all = await Promise.all(ids.map(async (id) => [id, await MODEL_COMMANDS[id]()] as const));
    return all.filter(([, commands]) => commands[command]).map(([id]) => id);
  };
  if (!modelId || !isModelId(modelId)) {
    const known = (await offering()).join(', ');
    throw new Error(
      modelId
        ? `No model "${modelId}"; ${command} knows: ${known}.`
        : `Name the model: npm run ${command} -- <model>, one of ${known}.`,
    );
  }
  const run = (await MODEL_COMMANDS[modelId]())[command];
  if (!run) {
    throw new Error(
      `${modelId} has no ${command}; ${command} knows: ${(await offering()).join(', ')}.`,
    );
  }
  return run;
}

/** Runs a command as a process: prints the error in words and exits 1 on failure. */
export function runCommand(command: CommandName, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(`${command}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
