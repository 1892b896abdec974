import { expect, expectBackend, test } from './fixtures';

test('the shipped pretrained MAE reconstructs in the Mask panel as soon as there is data', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/?backend=webgpu&p=data&n=32&b.n=2&b.t=8&eq=heat&heat.ic=random-sines');
  await expectBackend(page, 'webgpu');
  const card = page.getByRole('region', { name: 'Datasets' });
  await card.getByRole('button', { name: 'Build dataset' }).click();
  await expect(card.getByText(/Saved “Heat equation, 2×8 at 32²/)).toBeVisible({
    timeout: 120_000,
  });

  const nav = page.getByRole('navigation', { name: 'Workflow' });
  await nav.getByRole('button', { name: 'Mask' }).click();
  // Nothing was trained here, yet the default source is the pretrained model.
  const source = page.getByLabel('Reconstruct with');
  await expect(source.locator('option:checked')).toHaveText(
    /^Pretrained MAE classroom · 80\.5 k params · step \d+/,
  );
  const note = page.getByRole('complementary', { name: 'About the pretrained model' });
  await expect(note).toContainText('ships with the lab');
  await expect(note).toContainText('npm run pretrain -- mae');
  const errors = page.getByRole('row', { name: /relative L2 error, whole window/ });
  await expect(errors.getByRole('cell')).toHaveCount(2, { timeout: 90_000 });
  for (const cell of await errors.getByRole('cell').all()) {
    await expect(cell).toHaveText(/^\d/);
  }

  // "Train your own from scratch" leads to the Train panel, which says it starts from scratch.
  await note.getByRole('button', { name: 'Train your own from scratch' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Train' })).toBeVisible();
  await expect(page.getByText(/Training starts from scratch/)).toBeVisible();
});
