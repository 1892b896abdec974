import { expect, expectBackend, test, violations } from './fixtures';

/** MAE-PDE's mix in small: 9 trajectories of 4 frames at 32². */
const TINY_MIX = 'n=32&b.mode=mix&b.n=9&b.t=4&b.batch=9&heat.ic=random-sines';

test('places every trajectory of a dataset in the shipped encoder’s latent space', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(`/?backend=webgpu&p=data&${TINY_MIX}`);
  await expectBackend(page, 'webgpu');
  const datasets = page.getByRole('region', { name: 'Datasets' });
  await datasets.getByRole('button', { name: 'Build dataset' }).click();
  await expect(datasets.getByText(/Saved “Mix of 3 equations/)).toBeVisible({ timeout: 60_000 });

  await page
    .getByRole('navigation', { name: 'Workflow' })
    .getByRole('button', { name: 'Downstream' })
    .click();
  const section = page.getByRole('region', { name: 'Latent space' });
  await expect(section).toContainText('Pretraining never trains the CLS token');
  await section.getByRole('button', { name: 'Place the trajectories' }).click();
  await expect(
    section.getByText(/^Placed 9 trajectories of “Mix of 3 equations.* by PCA of the CLS token\.$/),
  ).toBeVisible({
    timeout: 60_000,
  });
  const chart = section.getByRole('figure', {
    name: /^PCA of the encoder’s cls token for 9 trajectories/,
  });
  await expect(chart.locator('.scatterlayer .trace')).toHaveCount(3, { timeout: 30_000 });
  await expect(chart).toContainText(/PC1 \(\d+\.\d% of the variance\)/);
  await expect(section.getByText(/have a nearest neighbour of the same equation/)).toBeVisible();

  // Hovering a point shows its trajectory.
  await chart.locator('.scatterlayer .trace .points path').first().hover({ force: true });
  await expect(section.getByRole('img', { name: /^Trajectory \d+, first frame/ })).toBeVisible();

  // Colour by one coefficient; show a trajectory from the keyboard-reachable list.
  await section.getByLabel('Colour by').selectOption({ label: 'heat ν' });
  await expect(chart.locator('.colorbar')).toHaveCount(1);
  await section.getByLabel('Show trajectory').selectOption('0');
  await expect(section.getByRole('img', { name: /Trajectory 0, first frame/ })).toBeVisible();

  // UMAP of the mean of the patch tokens.
  await section.getByRole('radio', { name: 'UMAP' }).check();
  await section.getByRole('radio', { name: 'Mean of patch tokens' }).check();
  await section.getByRole('button', { name: 'Place the trajectories' }).click();
  await expect(section.getByText(/by UMAP of the mean of the patch tokens\.$/)).toBeVisible({
    timeout: 60_000,
  });
  await expect(section.getByRole('figure', { name: /^UMAP of the encoder’s mean/ })).toBeVisible();

  expect(await violations(page)).toEqual([]);
});
