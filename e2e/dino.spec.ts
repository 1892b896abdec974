import { expect, expectBackend, test } from './fixtures';

/** The tiny DINo's architecture through its URL keys, observing a quarter of the grid and trained
 * on the first 4 frames: quick on SwiftShader. */
const TINY_DINO =
  'model=dino&dino.code=8&dino.w=16&dino.l=2&dino.dh=32&dino.s=0.25&dino.fit=50&dino.tf=4&mp=tiny';
/** Six iterations of 2 trajectories, validated, saved and pictured every 3. */
const SIX_STEPS = 'tr.s=6&tr.b=2&tr.ve=3&tr.ce=3&tr.se=3';

test.describe('DINo', () => {
  // The lab's own run only: the shipped models stay out of the pickers.
  test.use({ shipsPretrainedModel: false });

  test('trains the tiny DINo on WebGPU, then forecasts from painted sensors at a chosen resolution', async ({
    page,
  }) => {
    test.setTimeout(420_000);
    await page.goto('/?backend=webgpu&p=data&n=32&b.n=6&b.t=8&eq=wave&wave.ic=gaussian-bump');
    await expectBackend(page, 'webgpu');
    const datasets = page.getByRole('region', { name: 'Datasets' });
    await datasets.getByRole('button', { name: 'Build dataset' }).click();
    await expect(datasets.getByText(/Saved “Wave equation, 6×8 at 32²/)).toBeVisible({
      timeout: 120_000,
    });

    await page.goto(`/?backend=webgpu&p=train&${TINY_DINO}&${SIX_STEPS}`);
    await expectBackend(page, 'webgpu');
    await page.getByRole('button', { name: 'Start training' }).click();
    await expect(page.getByText('Trained 6 steps; the checkpoint is saved.')).toBeVisible({
      timeout: 240_000,
    });
    // The live picture is DINo's own: a forecast of a training trajectory.
    await expect(
      page.getByRole('heading', { name: 'Forecast of a training trajectory' }),
    ).toBeVisible();
    await expect(page.getByRole('img', { name: /^DINo forecast after step 6/ })).toBeVisible();
    // Both objectives and teacher forcing's ε, measured at each validation.
    await expect(
      page
        .getByRole('figure', { name: 'Training objectives at each validation' })
        .locator('svg')
        .first(),
    ).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: 'DINo custom on' });
    await expect(row).toContainText('done');

    await page.goto(`/?backend=webgpu&p=results&${TINY_DINO}`);
    await expectBackend(page, 'webgpu');
    const setup = page.getByRole('form', { name: 'What to forecast' });
    await expect(setup.getByLabel('Trained DINo')).toBeVisible({ timeout: 60_000 });

    // Paint sensors by hand on the first frame: each click adds one.
    const sensors = page.getByRole('region', { name: 'Sensors on the first frame' });
    await sensors.getByRole('radio', { name: 'By hand' }).check();
    await sensors.getByRole('button', { name: 'Clear' }).click();
    await expect(sensors.getByRole('status').filter({ hasText: /^0 sensors/ })).toBeVisible();
    const canvas = sensors.getByTestId('dino-sensor-paint');
    await expect(canvas).toBeVisible({ timeout: 60_000 });
    const box = (await canvas.boundingBox())!;
    const spots: [number, number][] = [
      [0.2, 0.2],
      [0.5, 0.3],
      [0.8, 0.6],
      [0.3, 0.8],
    ];
    for (const [fx, fy] of spots) {
      await page.mouse.click(box.x + fx * box.width, box.y + fy * box.height);
    }
    await expect(sensors.getByRole('status').filter({ hasText: /^4 sensors/ })).toBeVisible();

    // A finer display grid than the data's 32²: the same code, decoded at 48².
    const resolution = setup.getByLabel('Display resolution');
    await resolution.fill('48');
    await expect(setup.getByText('48 × 48', { exact: true })).toBeVisible();
    await setup.getByRole('button', { name: 'Forecast' }).click();

    await expect(page.getByRole('img', { name: /^DINo forecast, decoded at 48 × 48/ })).toBeVisible(
      {
        timeout: 180_000,
      },
    );
    const table = page.getByRole('table', { name: /split as in the DINo paper/ });
    await expect(table).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'At the sensors (In-s)' })).toBeVisible();
    await expect(
      table.getByRole('columnheader', { name: 'Between the sensors (Out-s)' }),
    ).toBeVisible();
    // Two rows of finite numbers: the training frames and the frames beyond the horizon.
    await expect(table.getByRole('row')).toHaveCount(3);
    for (const cell of await table.getByRole('cell').all()) {
      await expect(cell).toHaveText(/^\d/);
    }
    await expect(
      page
        .getByRole('figure', { name: /^Relative error of each frame/ })
        .locator('svg')
        .first(),
    ).toBeVisible({ timeout: 60_000 });
  });
});

// Issue 13's acceptance path, as a student on a fresh profile: the DINo model's default dataset,
// ten painted sensors, the shipped DINo's forecast at a chosen resolution, beyond its horizon.
test('a fresh profile forecasts a wave from ten painted sensors with the shipped DINo', async ({
  page,
}) => {
  test.setTimeout(360_000);
  await page.goto('/?p=results&model=dino');
  await expectBackend(page, 'wasm');
  await page.getByRole('button', { name: 'Build the default dataset' }).click();

  const setup = page.getByRole('form', { name: 'What to forecast' });
  await expect(setup.getByLabel('Trained DINo').locator('option:checked')).toHaveText(
    /^Pretrained classroom DINo on waves/,
    { timeout: 240_000 },
  );

  const sensors = page.getByRole('region', { name: 'Sensors on the first frame' });
  await sensors.getByRole('radio', { name: 'By hand' }).check();
  await sensors.getByRole('button', { name: 'Clear' }).click();
  const canvas = sensors.getByTestId('dino-sensor-paint');
  await expect(canvas).toBeVisible({ timeout: 60_000 });
  const box = (await canvas.boundingBox())!;
  for (let k = 0; k < 10; k++) {
    const fx = 0.1 + 0.8 * ((k * 0.37) % 1);
    const fy = 0.1 + 0.08 * k;
    await page.mouse.click(box.x + fx * box.width, box.y + fy * box.height);
  }
  await expect(sensors.getByRole('status').filter({ hasText: /^10 sensors/ })).toBeVisible();

  // The data are 64²; the student asks for 96².
  await setup.getByLabel('Display resolution').fill('96');
  await setup.getByRole('button', { name: 'Forecast' }).click();
  await expect(page.getByRole('img', { name: /^DINo forecast, decoded at 96 × 96/ })).toBeVisible({
    timeout: 180_000,
  });
  const table = page.getByRole('table', { name: /split as in the DINo paper/ });
  await expect(table.getByRole('row')).toHaveCount(3);
  for (const cell of await table.getByRole('cell').all()) await expect(cell).toHaveText(/^\d/);

  // Frame 15 of 20: the model trained on the first 10.
  await page.getByRole('slider', { name: 'Frame' }).fill('14');
  await expect(page.getByRole('group', { name: /beyond the training horizon$/ })).toBeVisible();
});
