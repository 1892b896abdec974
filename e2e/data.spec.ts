import { expect, expectBackend, test } from './fixtures';

interface LiveSummary {
  time: number;
  steps: number;
  finite: boolean;
  sumOfSquares: number;
}
const liveSummary = (page: import('@playwright/test').Page) =>
  page.evaluate(() =>
    (
      globalThis as unknown as { pdeLab: { liveSummary(): LiveSummary | undefined } }
    ).pdeLab.liveSummary(),
  );

test('plays the live Navier–Stokes simulator: the field changes and stays finite', async ({
  page,
}) => {
  await page.goto('/?backend=webgpu&eq=ns&n=32');
  await expectBackend(page, 'webgpu');
  await expect(page.getByRole('heading', { level: 1, name: 'Data' })).toBeVisible();
  await expect(page.getByText('∂t ω + u·∇ω = ν Δω + f', { exact: false })).toBeVisible();
  await expect.poll(async () => (await liveSummary(page))?.time, { timeout: 60_000 }).toBe(0);
  const start = await liveSummary(page);

  await page.getByRole('button', { name: 'Play' }).click();
  await expect
    .poll(async () => (await liveSummary(page))?.time ?? 0, { timeout: 120_000 })
    .toBeGreaterThan(0.25);
  await page.getByRole('button', { name: 'Pause' }).click();
  const later = await liveSummary(page);
  expect(later?.finite).toBe(true);
  expect(later?.steps).toBeGreaterThan(0);
  expect(later?.sumOfSquares).not.toBe(start?.sumOfSquares);
  await expect(page.getByRole('img', { name: /^omega: values from/ })).toBeVisible();
  await expect(
    page.getByRole('figure', { name: /^energy .* and enstrophy .* over time/ }),
  ).toBeVisible();

  await page.getByLabel('Velocity arrows').check();
  await expect(page.locator('canvas.velocity-overlay')).toBeVisible();

  // A coefficient change applies to the running simulation without restarting it.
  await page.getByLabel('Viscosity ν', { exact: true }).fill('0.005');
  await page.getByLabel('Viscosity ν', { exact: true }).press('Enter');
  await expect(page).toHaveURL(/ns\.nu=0\.005/);
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(async () => (await liveSummary(page))?.time ?? 0).toBeGreaterThan(later!.time);
});

test('refuses a bad coefficient and sub-steps an unstable time step, saying so', async ({
  page,
}) => {
  await page.goto('/?backend=webgpu&eq=heat&n=32&heat.s=ftcs&heat.nu=0.1');
  await expectBackend(page, 'webgpu');
  const nu = page.getByLabel('Diffusivity ν', { exact: true });
  await nu.fill('-1');
  await nu.press('Enter');
  await expect(
    page.getByRole('alert').filter({ hasText: 'Diffusivity ν is outside' }),
  ).toBeVisible();
  await expect(page).not.toHaveURL(/heat\.nu=-1/);

  await page.getByLabel('Time step Δt').fill('0.02'); // FTCS at ν = 0.1, Δx = 1/16 needs Δt < 0.0098
  await page.getByLabel('Time step Δt').press('Enter');
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(page.getByText(/beyond the stability limit .* sub-stepping/)).toBeVisible({
    timeout: 60_000,
  });
  expect((await liveSummary(page))?.finite).toBe(true);
});

test('the Data panel fits a phone-sized screen: live field, colour bar and saved datasets', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?backend=webgpu&p=data&n=32&b.n=2&b.t=4&eq=heat&heat.ic=random-sines');
  await expectBackend(page, 'webgpu');
  const card = page.getByRole('region', { name: 'Datasets' });
  await card.getByRole('button', { name: 'Build dataset' }).click();
  await expect(card.getByText(/Saved “/)).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole('img', { name: /^u: values from/ })).toBeVisible();

  // Nothing scrolls sideways: the field shrinks to the card, the table stacks.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  for (const name of ['Preview', 'Export', 'Delete']) {
    const button = card.getByRole('button', { name: new RegExp(`^${name} `) });
    await button.scrollIntoViewIfNeeded();
    const box = (await button.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${name} button`).toBeLessThanOrEqual(390);
  }
});
