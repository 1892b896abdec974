import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeNpy } from '../src/data/io/npy';
import { expect, expectBackend, test } from './fixtures';

test('builds a small mixed dataset with progress, previews it, exports it as .npy, and imports it back identical', async ({
  page,
}) => {
  await page.goto('/?backend=webgpu&n=32&b.n=6&b.t=5&b.batch=3&b.seed=4');
  await expectBackend(page, 'webgpu');
  const card = page.getByRole('region', { name: 'Datasets' });
  await card.getByLabel('Equations').selectOption('mix');
  // The default mix is MAE-PDE's: heat, advection and Burgers in equal shares.
  await expect(card.getByLabel(/^Heat equation/)).toHaveValue('1');
  await expect(
    card.getByRole('group', { name: 'Burgers (2-D, viscous): coefficient ranges' }),
  ).toBeVisible();
  // Classroom presets would make every trajectory start alike: the card offers random ones.
  for (const title of ['Heat equation', 'Advection equation']) {
    await card.getByRole('button', { name: new RegExp(`for ${title}$`) }).click();
  }
  await expect(card.getByText(/preset: every trajectory/)).toHaveCount(0);
  await card.getByRole('button', { name: 'Build dataset' }).click();
  await expect(
    page.getByRole('progressbar', { name: /Building a dataset progress/ }),
  ).toBeVisible();
  await expect(
    card.getByText(/Saved “Mix of 3 equations, 6×5 at 32², seed 4” \(6 × 5 × 32 × 32 × 2\)/),
  ).toBeVisible({ timeout: 180_000 });
  const row = card.getByRole('row').filter({ hasText: 'seed 4' });
  await expect(row).toContainText('6 × 5 × 32 × 32 × 2');
  await expect(row).toContainText(
    'Heat equation (2), Advection equation (2), Burgers (2-D, viscous) (2)',
  );

  await row.getByRole('button', { name: /^Preview/ }).click();
  const thumbnails = card.getByRole('group', { name: /trajectories/ }).getByRole('img');
  await expect(thumbnails).toHaveCount(6);
  await expect(thumbnails.first()).toHaveAccessibleName(
    /Trajectory 0, train split, (Heat|Advection|Burgers)/,
  );
  await card.getByRole('button', { name: 'Close' }).click();

  await card.getByLabel('Export as').selectOption('npy');
  const downloads: string[] = [];
  page.on('download', async (d) => downloads.push((await d.path()) ?? ''));
  const first = page.waitForEvent('download');
  await row.getByRole('button', { name: /^Export/ }).click();
  const npyPath = await (await first).path();
  await expect.poll(() => downloads.length).toBe(2); // the .npy and its .json sidecar
  const exported = readFileSync(npyPath);
  expect(exported.subarray(1, 6).toString()).toBe('NUMPY');
  const sidecar = readFileSync(downloads.find((p) => p !== npyPath)!);
  expect(JSON.parse(sidecar.toString()).mix.index).toHaveLength(6);

  await card.locator('input[type=file]').setInputFiles([
    { name: 'round-trip.npy', mimeType: 'application/octet-stream', buffer: exported },
    { name: 'round-trip.json', mimeType: 'application/json', buffer: sidecar },
  ]);
  await expect(
    card.getByText(
      'Imported “round-trip.npy” with its metadata from “round-trip.json” (6 × 5 × 32 × 32 × 2).',
    ),
  ).toBeVisible();
  const imported = card.getByRole('row').filter({ hasText: 'round-trip.npy' });
  await expect(imported).toContainText(
    'Heat equation (2), Advection equation (2), Burgers (2-D, viscous) (2)',
  );
  const again = page.waitForEvent('download');
  await imported.getByRole('button', { name: /^Export/ }).click();
  expect(readFileSync(await (await again).path()).equals(exported)).toBe(true);

  await imported.getByRole('button', { name: /^Delete/ }).click();
  await expect(imported).toHaveCount(0);
});

test('rejects a malformed file with a clear message and keeps what was saved', async ({ page }) => {
  await page.goto('/?backend=webgpu&eq=heat&n=32');
  await expectBackend(page, 'webgpu');
  const card = page.getByRole('region', { name: 'Datasets' });
  const rowsBefore = await card.getByRole('row').count();
  const truncated = Buffer.concat([
    Buffer.from('\x93NUMPY\x01\x00v\x00', 'latin1'),
    Buffer.from(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (4, 8, 16, 16, 1), }".padEnd(118) + '\n',
    ),
    Buffer.alloc(100),
  ]);
  await card
    .locator('input[type=file]')
    .setInputFiles({ name: 'broken.npy', mimeType: 'application/octet-stream', buffer: truncated });
  await expect(card.getByRole('alert')).toContainText('“broken.npy” was not imported');
  await expect(card.getByRole('row')).toHaveCount(rowsBefore);
});

test('the same seed gives the same numbers in the browser (WebGPU) and in the CLI', async ({
  page,
}) => {
  const settings = { n: 32, count: 3, frames: 3, seed: 11 };
  await page.goto(
    `/?backend=webgpu&eq=advection&n=${settings.n}&b.n=${settings.count}&b.t=${settings.frames}&b.seed=${settings.seed}&b.batch=2`,
  );
  await expectBackend(page, 'webgpu');
  const card = page.getByRole('region', { name: 'Datasets' });
  await card.getByRole('button', { name: 'Build dataset' }).click();
  const row = card.getByRole('row').filter({ hasText: `seed ${settings.seed}` });
  await expect(row).toBeVisible({ timeout: 120_000 });
  await card.getByLabel('Export as').selectOption('npy');
  const download = page.waitForEvent('download');
  await row.getByRole('button', { name: /^Export/ }).click();
  const browser = decodeNpy(readFileSync(await (await download).path()));

  const out = join(mkdtempSync(join(tmpdir(), 'pde-lab-')), 'cli.npy');
  execFileSync(
    'npx',
    [
      'tsx',
      'src/cli/generate.ts',
      '--pde',
      'advection',
      '--n',
      `${settings.count}`,
      '--size',
      `${settings.n}`,
      '--frames',
      `${settings.frames}`,
      '--seed',
      `${settings.seed}`,
      '--ax',
      '0.1:2.5',
      '--ay',
      '0.1:2.5',
      '--initial',
      'ring',
      '--out',
      out,
    ],
    { stdio: 'pipe' },
  );
  const cli = decodeNpy(readFileSync(out));
  expect(browser.shape).toEqual(cli.shape);
  let worst = 0;
  let scale = 0;
  cli.data.forEach((v, i) => {
    worst = Math.max(worst, Math.abs(v - browser.data[i]!));
    scale = Math.max(scale, Math.abs(v));
  });
  console.log(
    `browser (webgpu) vs CLI (cpu): max |Δ| / max |u| = ${(worst / scale).toExponential(2)}`,
  );
  expect(worst / scale).toBeLessThan(1e-5);
});
