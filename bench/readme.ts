/** Writes the bench's Markdown into the README between its bench markers, formatted as Prettier would. */
import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';

const START = '<!-- bench:start (written by npm run bench: edit bench/report.ts, not this) -->';
const END = '<!-- bench:end -->';

export async function writeReadmeSection(markdown: string, path = 'README.md'): Promise<void> {
  const readme = readFileSync(path, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) {
    throw new Error(`${path} has no section between "${START}" and "${END}" to write into.`);
  }
  const next = `${readme.slice(0, start + START.length)}\n\n${markdown}\n\n${readme.slice(end)}`;
  const config = await resolveConfig(path);
  writeFileSync(path, await format(next, { ...config, filepath: path }));
}
