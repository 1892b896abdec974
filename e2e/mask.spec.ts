import type { Locator } from '@playwright/test';
import { expect, expectBackend, test, violations } from './fixtures';

// These tests start from a lab with nothing trained; pretrained.spec.ts covers the shipped model.
test.use({ shipsPretrainedModel: false });

/** The masked input's overlay (hatching and outline of the hidden patches) as a PNG data URL. */
function overlayImage(views: Locator): Promise<string> {
  return views
    .locator('.mask-view')
    .nth(1)
    .locator('canvas.mask-overlay')
    .evaluate((canvas: HTMLCanvasElement) => canvas.toDataURL());
}

test('masks a saved dataset: four views, ratio, new mask, scrubbing and keys', async ({ page }) => {
  await page.goto('/?backend=webgpu&p=mask&n=32&b.n=4&b.t=8&eq=heat&heat.ic=random-sines');
  await expectBackend(page, 'webgpu');
  // Nothing saved yet: the panel says so and offers MAE-PDE's default mix.
  await expect(page.getByRole('heading', { name: 'No dataset yet' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Build the default dataset' })).toBeEnabled();
  expect(await violations(page)).toEqual([]);

  const nav = page.getByRole('navigation', { name: 'Workflow' });
  await nav.getByRole('button', { name: 'Data' }).click();
  const card = page.getByRole('region', { name: 'Datasets' });
  await card.getByRole('button', { name: 'Build dataset' }).click();
  await expect(card.getByText(/Saved “Heat equation, 4×8 at 32²/)).toBeVisible({
    timeout: 120_000,
  });

  await nav.getByRole('button', { name: 'Mask' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mask' })).toBeVisible();
  await expect(page.getByLabel('Dataset')).toHaveValue(/.+/);
  const views = page.getByRole('group', { name: 'The four views of this frame' });
  // 8 frames in patches of 2 frames × 4 × 4 points: 4 × 8 × 8 = 256 patches, 75 % hidden.
  await expect(views.getByRole('img', { name: /^Original: values from/ })).toBeVisible();
  await expect(
    views.getByRole('img', { name: /^Masked input: 192 of 256 patches hidden/ }),
  ).toBeVisible();
  await expect(
    views.getByRole('img', { name: /^Reconstruction: linear interpolation baseline/ }),
  ).toBeVisible();
  await expect(
    views.getByRole('img', { name: /^Error: reconstruction − original: values from/ }),
  ).toBeVisible();
  await expect(page.getByText('No model is trained yet:')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await violations(page), `${scheme} theme`).toEqual([]);
  }

  const windowError = page
    .getByRole('row', { name: /relative L2 error, whole window/ })
    .getByRole('cell');
  await expect(windowError).toHaveText(/^\d/);
  const errorAt75 = await windowError.textContent();
  expect(Number(errorAt75)).toBeGreaterThan(0);

  await page.getByLabel('Hidden share (this view)').fill('0.5');
  await expect(
    views.getByRole('img', { name: /^Masked input: 128 of 256 patches hidden/ }),
  ).toBeVisible();
  await expect(windowError).not.toHaveText(errorAt75!);
  await expect(page.getByRole('row', { name: /Hidden patches/ })).toContainText('128 of 256');
  const errorAt50 = await windowError.textContent();

  const before = await overlayImage(views);
  await page.getByRole('button', { name: 'New mask' }).click();
  await expect(page.getByText(/mask seed 1\)/)).toBeVisible();
  await expect(page.getByLabel('Mask seed')).toHaveValue('1');
  await expect.poll(() => overlayImage(views)).not.toBe(before);
  await expect(windowError).not.toHaveText(errorAt50!);
  await expect(page).toHaveURL(/m\.seed=1/);

  // Scrub, then step with the keys while the focus is on the views.
  const time = page.locator('.mask-viewer__time');
  await expect(time).toContainText('frame 1/8');
  await page.getByLabel('Frame', { exact: true }).fill('3');
  await expect(time).toContainText('frame 4/8');
  await views.focus();
  await page.keyboard.press('ArrowRight');
  await expect(time).toContainText('frame 5/8');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(time).toContainText('frame 3/8');
  await page.keyboard.press('n');
  await expect(page.getByLabel('Mask seed')).toHaveValue('2');
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(time).not.toContainText('frame 3/8');
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();

  // Keys typed into a field stay in the field.
  await page.getByLabel('Mask seed').fill('7');
  await page.getByLabel('Mask seed').press('n');
  await expect(page.getByLabel('Mask seed')).toHaveValue('7');

  // Out-of-range settings from a link are brought into the dataset, with a note.
  await page.goto('/?backend=webgpu&p=mask&m.i=99&m.t=12');
  await expectBackend(page, 'webgpu');
  const notes = page.getByRole('status', { name: 'Adjusted to the dataset' });
  await expect(notes).toContainText(
    'This dataset has 4 trajectories (0 to 3): showing trajectory 3.',
  );
  await expect(notes).toContainText('The window holds 8 frames, not 12');
  await expect(page.getByRole('heading', { name: /^Trajectory 3, train split/ })).toBeVisible();
  await expect(
    page.getByRole('img', { name: /^Masked input: 192 of 256 patches hidden/ }),
  ).toBeVisible();
});
