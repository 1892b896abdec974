import { expect, expectBackend, test } from './fixtures';

// Issue 11's acceptance path, as a new user on a machine whose only WebGPU is a software one:
// a fresh profile in automatic mode, the Mask panel's offer, then the shipped model's
// reconstruction. The elapsed time is printed (the README quotes it), not asserted.
test('a fresh profile reaches the pretrained reconstruction without the software GPU', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const started = Date.now();
  await page.goto('/?p=mask');
  await expectBackend(page, 'wasm');
  await expect(page.getByTestId('backend-why')).toHaveText(/software GPU/);
  const ready = Date.now();

  await page.getByRole('button', { name: 'Build the default dataset' }).click();
  await expect(page.getByRole('progressbar').first()).toBeVisible();
  await expect(page.getByText(/left$|s left/).first()).toBeVisible({ timeout: 30_000 });

  const source = page.getByLabel('Reconstruct with');
  await expect(source.locator('option:checked')).toHaveText(/^Pretrained MAE classroom/, {
    timeout: 240_000,
  });
  const errors = page.getByRole('row', { name: /relative L2 error, whole window/ });
  await expect(errors.getByRole('cell')).toHaveCount(2, { timeout: 120_000 });
  for (const cell of await errors.getByRole('cell').all()) await expect(cell).toHaveText(/^\d/);
  const done = Date.now();
  console.log(
    `first run: backend ready ${((ready - started) / 1000).toFixed(1)} s, ` +
      `pretrained reconstruction ${((done - started) / 1000).toFixed(1)} s after opening the page`,
  );
});
