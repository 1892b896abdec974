import type { Page } from '@playwright/test';
import {
  expect,
  expectBackend,
  test,
  TINY_MAE,
  violations,
  buildSmallHeatDataset,
  TEN_TRAIN_STEPS,
} from './fixtures';

// These tests start from a lab with nothing trained; pretrained.spec.ts covers the shipped model.
test.use({ shipsPretrainedModel: false });

/** Ten steps of 2 windows: a model to reconstruct with, quickly on SwiftShader. */

/** Drags the mouse across the paint layer from one point to another (fractions of its side). */
async function drag(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  // Mouse coordinates are the viewport's: bring the whole layer into view, clear of the header.
  const layer = page.getByTestId('mask-paint');
  await layer.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = (await layer.boundingBox())!;
  const at = ([fx, fy]: [number, number]) => [box.x + fx * box.width, box.y + fy * box.height];
  const [x0, y0] = at(from);
  const [x1, y1] = at(to);
  await page.mouse.move(x0!, y0!);
  await page.mouse.down();
  await page.mouse.move(x1!, y1!, { steps: 24 });
  await page.mouse.up();
}

test('reconstructs with a trained MAE beside the baseline, at once on new settings and painted masks', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await buildSmallHeatDataset(page);

  await page.goto(`/?backend=webgpu&p=train&${TINY_MAE}&${TEN_TRAIN_STEPS}`);
  await expectBackend(page, 'webgpu');
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByText('Trained 10 steps; the checkpoint is saved.')).toBeVisible({
    timeout: 180_000,
  });

  await page
    .getByRole('navigation', { name: 'Workflow' })
    .getByRole('button', { name: 'Mask' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mask' })).toBeVisible();
  const source = page.getByLabel('Reconstruct with');
  const options = source.locator('option');
  await expect(options).toHaveCount(2);
  await expect(options.nth(0)).toHaveText('Interpolation baseline');
  await expect(options.nth(1)).toHaveText(/^MAE tiny · [\d.]+ k params · step 10 · loss \d/);
  const views = page.getByRole('group', { name: 'The four views of this frame' });

  // The baseline alone: the panel points to the trained model instead of saying there is none.
  await source.selectOption({ index: 0 });
  await expect(
    views.getByRole('img', { name: /^Reconstruction: linear interpolation baseline/ }),
  ).toBeVisible();
  await expect(page.getByText('A trained model is saved:')).toBeVisible();
  await expect(page.getByText('No model is trained yet:')).toHaveCount(0);

  // The run: its window (4 frames of 16², patches 2 × 4 × 4: 32 patches) replaces the panel's.
  await source.selectOption({ index: 1 });
  await expect(
    views.getByRole('img', { name: /^MAE reconstruction \(run MAE tiny on .+, step 10\)/ }),
  ).toBeVisible();
  await expect(
    views.getByRole('img', { name: /^Masked input: 24 of 32 patches hidden/ }),
  ).toBeVisible();
  await expect(page.getByLabel('Window (frames)')).toBeDisabled();
  await expect(page.getByLabel('Window (frames)')).toHaveValue('4');
  await expect(page.getByLabel('Patch side (grid points)')).toHaveValue('4');
  await expect(
    page.getByText(/^Set by the model: windows of 4 frames on its 16 × 16 grid/).first(),
  ).toBeVisible();
  await expect(
    page.getByText(/resampled \(Fourier interpolation\) to the model's 16 × 16 grid/),
  ).toBeVisible();
  await expect(page.getByText('No model is trained yet:')).toHaveCount(0);

  const errors = page
    .getByRole('row', { name: /relative L2 error, whole window/ })
    .getByRole('cell');
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toHaveText(/^\d/);
  await expect(errors.nth(1)).toHaveText(/^\d/);
  await expect(page.getByRole('columnheader', { name: 'MAE (step 10)' })).toBeVisible();
  await expect(
    page.getByRole('columnheader', { name: 'Linear interpolation baseline' }),
  ).toBeVisible();
  await expect(page.getByText(/^On this mask the .+ beats the /)).toBeVisible();
  const [mae75, baseline75] = [
    await errors.nth(0).textContent(),
    await errors.nth(1).textContent(),
  ];

  // A new ratio re-runs both at once.
  await page.getByLabel('Hidden share (this view)').fill('0.5');
  await expect(
    views.getByRole('img', { name: /^Masked input: 16 of 32 patches hidden/ }),
  ).toBeVisible();
  await expect(errors.nth(0)).not.toHaveText(mae75!);
  await expect(errors.nth(1)).not.toHaveText(baseline75!);
  await expect(errors.nth(0)).toHaveText(/^\d/);

  // Paint: a click toggles one patch of the shown time block, a second click toggles it back.
  const paint = page.getByRole('button', { name: 'Paint mask' });
  await paint.click();
  await expect(paint).toHaveAttribute('aria-pressed', 'true');
  expect(await violations(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('mask-model.png'), fullPage: true });
  await page.getByLabel('Brush covers every frame').uncheck();
  await page.getByTestId('mask-paint').click({ position: { x: 5, y: 5 } });
  await expect(
    views.getByRole('img', { name: /^Masked input: (15|17) of 32 patches hidden \(painted\)/ }),
  ).toBeVisible();
  await page.getByTestId('mask-paint').click({ position: { x: 5, y: 5 } });
  await expect(
    views.getByRole('img', { name: /^Masked input: 16 of 32 patches hidden \(painted\)/ }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Clear painting' }).click();
  await expect(
    views.getByRole('img', { name: /^Masked input: 16 of 32 patches hidden: / }),
  ).toBeVisible();

  // From an empty mask, one drag along the top row hides its 4 patches, and both fill them in.
  await page.getByLabel('Hidden share (this view)').fill('0');
  await expect(
    views.getByRole('img', { name: /^Masked input: 0 of 32 patches hidden/ }),
  ).toBeVisible();
  await expect(errors.nth(0)).toHaveText('nothing hidden');
  await drag(page, [0.02, 0.05], [0.98, 0.05]);
  await expect(
    views.getByRole('img', { name: /^Masked input: 4 of 32 patches hidden \(painted\)/ }),
  ).toBeVisible();
  await expect(errors.nth(0)).toHaveText(/^\d/);
  await expect(errors.nth(1)).toHaveText(/^\d/);
  // Changing the strategy returns to it.
  await page.getByLabel('Strategy').selectOption('tube');
  await expect(
    views.getByRole('img', { name: /^Masked input: 0 of 32 patches hidden: / }),
  ).toBeVisible();
});
