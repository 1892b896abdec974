/**
 * The PyTorch side of the comparison: runs bench/python/reference.py (copied into the kit) on the
 * same machine, on CUDA when torch sees a GPU, and returns its JSON object as it printed it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Failed, Skipped } from './measure/timing';

export function runPythonReference(
  kitDir: string,
  { quick, timeoutSeconds }: { quick: boolean; timeoutSeconds: number },
): Record<string, unknown> | Skipped | Failed {
  const script = join(kitDir, 'python', 'reference.py');
  if (!existsSync(script)) return { skipped: 'python/reference.py is not in this kit' };
  // The first Python that imports torch: $PYTHON, then python3 on PATH (a pyenv or venv may lack
  // torch), then the system's.
  const candidates = process.env.PYTHON ? [process.env.PYTHON] : ['python3', '/usr/bin/python3'];
  const failures: string[] = [];
  let python = '';
  let device = '';
  for (const candidate of candidates) {
    const probe = spawnSync(
      candidate,
      ['-c', 'import torch; print("cuda" if torch.cuda.is_available() else "cpu")'],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (!probe.error && probe.status === 0) {
      python = candidate;
      device = probe.stdout.trim();
      break;
    }
    failures.push(
      `${candidate} -c "import torch" failed: ${probe.error?.message ?? probe.stderr.trim().split('\n').at(-1)}`,
    );
  }
  if (!python) return { skipped: failures.join('; ') };
  const args = [
    script,
    '--what',
    quick ? 'mae-small,ns64' : 'mae-small,mae-paper,ns64,ns256',
    '--device',
    device,
    '--json',
    ...(quick ? ['--steps', '1', '--ns-steps', '2'] : []),
  ];
  console.error(`python: ${python} ${args.join(' ')}`);
  const run = spawnSync(python, args, {
    encoding: 'utf8',
    timeout: timeoutSeconds * 1000,
    maxBuffer: 16 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (run.error) return { error: `reference.py: ${run.error.message}` };
  if (run.status !== 0) return { skipped: `reference.py exited with ${run.status}` };
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return { device, ...(JSON.parse(last) as Record<string, unknown>) };
  } catch {
    return { skipped: `reference.py printed no JSON object: ${last.slice(0, 200)}` };
  }
}
