import { expect, expectBackend, test, TINY_MAE, violations, TEN_TRAIN_STEPS } from './fixtures';

// Starts from a lab with nothing trained; pretrained.spec.ts covers the shipped model.
test.use({ shipsPretrainedModel: false });

/** Ten steps of 2 windows: a model to evaluate, quickly on SwiftShader. */
/** MAE-PDE's mix (heat, advection, Burgers) in small: 6 trajectories of 5 frames at 32². */
const TINY_MIX = 'n=32&b.mode=mix&b.n=6&b.t=5&b.batch=6&heat.ic=random-sines';

const EQUATIONS = ['Heat equation', 'Advection equation', 'Burgers (2-D, viscous)'];

test('evaluates a trained MAE per equation against the baselines, and sweeps the mask ratio', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // With nothing saved, the panel says what it needs and where to get it.
  await page.goto('/?backend=webgpu&p=results');
  await expectBackend(page, 'webgpu');
  await expect(page.getByRole('heading', { level: 1, name: 'Results' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No dataset yet' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No trained model yet' })).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Train a model in the Train panel' }),
  ).toBeVisible();

  await page.goto(`/?backend=webgpu&p=data&${TINY_MIX}`);
  await expectBackend(page, 'webgpu');
  const datasets = page.getByRole('region', { name: 'Datasets' });
  await datasets.getByRole('button', { name: 'Build dataset' }).click();
  await expect(datasets.getByText(/Saved “Mix of 3 equations/)).toBeVisible({ timeout: 90_000 });

  await page.goto(`/?backend=webgpu&p=train&${TINY_MAE}&${TEN_TRAIN_STEPS}`);
  await expectBackend(page, 'webgpu');
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByText('Trained 10 steps; the checkpoint is saved.')).toBeVisible({
    timeout: 120_000,
  });

  await page
    .getByRole('navigation', { name: 'Workflow' })
    .getByRole('button', { name: 'Results' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Results' })).toBeVisible();
  await expect(page.getByLabel('Trained model')).toHaveValue(/:latest$/);
  await expect(page.getByLabel('Trained model').locator('option')).toHaveText([
    /^MAE tiny on Mix of 3 equations.* · step 10$/,
  ]);
  await expect(page.getByLabel('Split')).toHaveValue('validation');
  await expect(page.getByLabel('Mask ratio')).toHaveValue('0.75');
  // Every trajectory, so that each equation of the small mix is scored.
  await page.getByLabel('Split').selectOption('all');
  await page.getByLabel('Windows per equation').fill('8');
  await page.getByRole('button', { name: 'Evaluate' }).click();

  const table = page.getByRole('table', { name: /^Masked-region relative L2 error/ });
  await expect(table).toBeVisible({ timeout: 60_000 });
  await expect(table).toHaveAccessibleName(/75% of patches hidden \(random patches\)/);
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(EQUATIONS.length + 1);
  for (const [i, title] of [...EQUATIONS, 'All equations (mean)'].entries()) {
    const row = rows.nth(i);
    await expect(row.getByRole('rowheader')).toHaveText(title);
    const cells = row.getByRole('cell');
    await expect(cells.nth(0)).toHaveText(/^[1-9]\d*$/);
    for (const c of [1, 2, 3]) await expect(cells.nth(c)).toHaveText(/^\d+(\.\d+)?(e[-+]\d+)?$/);
    await expect(cells.nth(4)).toHaveText(/lower than the best baseline|wins by|About even/);
  }
  await expect(rows.last().getByRole('cell').first()).toHaveText('6');
  const bars = page.getByRole('figure', {
    name: 'Masked-region relative L2 error per equation: MAE and baselines',
  });
  await expect(bars.locator('.bars .point')).toHaveCount(3 * EQUATIONS.length);

  // A short sweep: two ratios, one line per method, the training ratio marked.
  await page.getByLabel('Sweep ratios').fill('1.5');
  await expect(page.getByText('“1.5” is not a mask ratio between 0 and 0.95.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run the sweep' })).toBeDisabled();
  await page.getByLabel('Sweep ratios').fill('0.5, 0.25');
  await page.getByRole('button', { name: 'Run the sweep' }).click();
  const sweep = page.getByRole('figure', { name: /against mask ratio, All equations \(mean\)/ });
  await expect(sweep.locator('.scatterlayer .trace')).toHaveCount(3, { timeout: 60_000 });
  await expect(sweep.locator('.scatterlayer .trace').first().locator('.point')).toHaveCount(2);
  await expect(sweep.getByText('trained at 0.75')).toBeVisible();
  await page.getByLabel('Equation shown').selectOption({ label: 'Burgers (2-D, viscous)' });
  await expect(
    page.getByRole('figure', { name: /against mask ratio, Burgers \(2-D, viscous\)/ }),
  ).toBeVisible();

  // The run is listed for comparison, with its final errors.
  await expect(page.getByRole('row').filter({ hasText: 'MAE tiny on Mix' })).toContainText(
    '10 / 10',
  );
  expect(await violations(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('results.png'), fullPage: true });
});
