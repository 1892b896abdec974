/**
 * Bad input, as a student might give it: a link with hex or contradictory settings, a split or a
 * range that cannot work, a .npy holding NaN or an empty array. Each is refused or flagged with a
 * message in plain words, where the user is looking.
 */
import { encodeNpy } from '../src/data/io/npy';
import { expect, expectBackend, test, TINY_MAE } from './fixtures';

function npy(shape: number[], planted: Record<number, number> = {}): Buffer {
  const data = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) =>
    Math.sin(i / 7),
  );
  for (const [i, v] of Object.entries(planted)) data[Number(i)] = v;
  return Buffer.from(encodeNpy({ data, shape }));
}

test('a link with a hex seed, a split leaving nothing to train on or a backwards range is refused with a notice', async ({
  page,
}) => {
  await page.goto(
    '/?backend=webgpu&eq=heat&n=32&seed=0x10&b.val=0.5&b.test=0.5&heat.nu.lo=0.05&heat.nu.hi=0.02',
  );
  await expectBackend(page, 'webgpu');
  const notice = page.getByRole('status').filter({ hasText: 'could not use' });
  await expect(notice).toContainText('5 values');
  await expect(notice).toContainText(
    '“seed=0x10”: Seed must be a whole number written in plain digits, like 42',
  );
  await expect(notice).toContainText(
    '“b.val=0.5”, “b.test=0.5”: The validation share (0.5) and the test share (0.5) add up to 1',
  );
  await expect(notice).toContainText(
    '“heat.nu.lo=0.05”, “heat.nu.hi=0.02”: The Heat equation range of Diffusivity ν goes from 0.05 to 0.02',
  );
  // The cleaned link carries none of the refused values.
  await expect(page).toHaveURL(/eq=heat/);
  await expect(page).not.toHaveURL(/seed=|b\.val=|b\.test=|heat\.nu\./);
  await expect(page.getByLabel('Seed', { exact: true })).toHaveValue('0');
  await expect(page.getByLabel('Validation share')).toHaveValue('0.1');
});

test('the Data panel shows a split or range that cannot work next to its fields and does not build', async ({
  page,
}) => {
  await page.goto('/?backend=webgpu&eq=heat&n=32');
  await expectBackend(page, 'webgpu');
  const card = page.getByRole('region', { name: 'Datasets' });
  const build = card.getByRole('button', { name: 'Build dataset' });
  await expect(build).toBeEnabled();

  for (const label of ['Validation share', 'Test share']) {
    await card.getByLabel(label).fill('0.5');
    await card.getByLabel(label).press('Enter');
  }
  const split = 'The validation share (0.5) and the test share (0.5) add up to 1';
  const testShare = card.getByLabel('Test share');
  await expect(testShare).toHaveAttribute('aria-invalid', 'true');
  await expect(testShare).toHaveAccessibleDescription(new RegExp(escape(split)));
  await expect(card.getByLabel('Validation share')).toHaveAccessibleDescription(
    new RegExp(escape(split)),
  );
  await expect(card.getByRole('alert')).toContainText(split);
  await expect(build).toBeDisabled();
  await testShare.fill('0.2');
  await testShare.press('Enter');
  await expect(build).toBeEnabled();
  await expect(testShare).not.toHaveAttribute('aria-invalid', 'true');

  const from = card.getByLabel('Diffusivity ν from');
  await from.fill('0.05');
  await from.press('Enter');
  const range = 'The Heat equation range of Diffusivity ν goes from 0.05 to 0.02';
  await expect(card.getByLabel('Diffusivity ν to')).toHaveAccessibleDescription(
    new RegExp(escape(range)),
  );
  await expect(from).toHaveAttribute('aria-invalid', 'true');
  await expect(build).toBeDisabled();
  await from.fill('0.01');
  await from.press('Enter');
  await expect(build).toBeEnabled();
});

test('a .npy with NaN or Infinity is kept but marked, and training on it is refused', async ({
  page,
}) => {
  await page.goto('/?backend=webgpu&eq=heat&n=32');
  await expectBackend(page, 'webgpu');
  const card = page.getByRole('region', { name: 'Datasets' });
  const perTrajectory = 8 * 16 * 16;
  await card.locator('input[type=file]').setInputFiles({
    name: 'poisoned.npy',
    mimeType: 'application/octet-stream',
    buffer: npy([4, 8, 16, 16, 1], { 3: NaN, [2 * perTrajectory + 9]: -Infinity }),
  });
  await expect(card.getByRole('alert')).toContainText(
    'Imported “poisoned.npy” (4 × 8 × 16 × 16 × 1), but 2 values are not finite numbers ' +
      '(1 NaN, 1 −Infinity), in trajectories 0 and 2 (of 4, numbered from 0).',
  );
  await expect(card.getByRole('alert')).toContainText('the lab will not train a model on it');
  const row = card.getByRole('row').filter({ hasText: 'poisoned.npy' });
  await expect(row).toContainText('holds NaN or Infinity: cannot be trained on');

  await page.goto(`/?backend=webgpu&p=train&${TINY_MAE}`);
  await expectBackend(page, 'webgpu');
  await expect(page.getByRole('alert').filter({ hasText: 'cannot be trained on' })).toContainText(
    'This dataset cannot be trained on: 2 values are not finite numbers',
  );
  await expect(page.getByRole('button', { name: 'Start training' })).toBeDisabled();
});

test('an empty .npy is refused in plain words', async ({ page }) => {
  await page.goto('/?backend=webgpu&eq=heat&n=32');
  await expectBackend(page, 'webgpu');
  const card = page.getByRole('region', { name: 'Datasets' });
  await card.locator('input[type=file]').setInputFiles({
    name: 'empty.npy',
    mimeType: 'application/octet-stream',
    buffer: npy([0]),
  });
  await expect(card.getByRole('alert')).toHaveText(
    '“empty.npy” was not imported: The file holds an empty array (shape (0,)): there are no ' +
      'numbers in it to import. It was probably saved before the data was put in. Save the ' +
      'data itself, as an array of shape (trajectories, time steps, x, y, channels) — in ' +
      "Python: np.save('data.npy', u.astype(np.float32)) — and import that file. Nothing else changed.",
  );
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
