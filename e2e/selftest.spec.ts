import { expect, expectBackend, test, TINY_SELF_TEST } from './fixtures';

test('the GPU self-test runs on WebGPU with progress, then shows figures, a chart and the fit', async ({
  page,
}) => {
  const plotlyRequests: string[] = [];
  page.on('request', (r) => {
    // The library's own chunk; the small wrapper (PlotlyChart-*.js) may come with a panel.
    if (/plotly-cartesian|plotly\.js/i.test(r.url())) plotlyRequests.push(r.url());
  });
  await page.goto(`/?backend=webgpu&p=diagnostics&${TINY_SELF_TEST}`);
  await expectBackend(page, 'webgpu');
  expect(plotlyRequests, 'Plotly is not part of the first load').toEqual([]);

  const liveTensors = () =>
    page.evaluate(
      async () =>
        (
          await (
            globalThis as unknown as { pdeLab: { memory(): Promise<{ numTensors: number }> } }
          ).pdeLab.memory()
        ).numTensors,
    );
  const tensorsBefore = await liveTensors();
  await page.getByRole('button', { name: 'Run self-test' }).click();
  await expect(
    page.getByRole('progressbar', { name: /self-test on webgpu progress/i }),
  ).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'webgpu' });
  await expect(row).toBeVisible({ timeout: 150_000 });
  const gflops = Number(await row.getByTestId('gflops').textContent());
  expect(gflops).toBeGreaterThan(0);
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await expect(
    page.getByRole('figure', { name: 'Fit loss per step' }).locator('svg').first(),
  ).toBeVisible();
  expect(plotlyRequests.length).toBeGreaterThan(0);
  await expect(page.getByRole('img', { name: /^Network fit: values from/ })).toBeVisible();
  expect(await liveTensors(), 'the self-test frees every tensor it made').toBe(tensorsBefore);
});

test('Stop ends a running self-test at once', async ({ page }) => {
  await page.goto('/?backend=webgpu&p=diagnostics&st.n=32&st.b=1&st.r=1&st.s=5000&st.g=16');
  await expectBackend(page, 'webgpu');
  await page.getByRole('button', { name: 'Run self-test' }).click();
  const progress = page.getByRole('progressbar');
  await expect(page.getByText(/Fitting a 2-D field: step \d+ of 5000/)).toBeVisible({
    timeout: 90_000,
  });
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByText('The self-test was stopped.')).toBeVisible({ timeout: 15_000 });
  await expect(progress).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Run self-test' })).toBeEnabled();
  await expect(page.getByRole('row').filter({ hasText: 'webgpu' })).toHaveCount(0);
});

test('?backend=cpu runs the compute on the CPU backend', async ({ page }) => {
  await page.goto(`/?p=diagnostics&backend=cpu&${TINY_SELF_TEST}`);
  await expectBackend(page, 'cpu');
  await expect(page.getByRole('region', { name: 'Notices' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Run self-test' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'cpu' })).toBeVisible({ timeout: 120_000 });
});

test.describe('a lost GPU device', () => {
  test.use({ allowConsoleErrors: [/destroyed|lost|Instance dropped|invalid/i] });

  test('stops the job with a clear message and the restart brings a fresh device', async ({
    page,
  }) => {
    await page.goto('/?backend=webgpu&p=diagnostics&st.n=32&st.b=1&st.r=1&st.s=5000&st.g=16');
    await expectBackend(page, 'webgpu');
    await page.getByRole('button', { name: 'Run self-test' }).click();
    await expect(page.getByText(/Fitting a 2-D field: step/)).toBeVisible({ timeout: 90_000 });

    await page.evaluate(() =>
      (
        globalThis as unknown as { pdeLab: { loseGpuDevice(): Promise<boolean> } }
      ).pdeLab.loseGpuDevice(),
    );
    const alert = page.getByRole('alert').filter({ hasText: 'The GPU device was lost.' });
    await expect(alert).toBeVisible();
    await expect(page.getByTestId('backend-name')).toHaveText('GPU lost');
    await expect(page.getByText(/The self-test failed: The GPU device was lost/)).toBeVisible();

    await alert.getByRole('button', { name: 'Restart compute' }).click();
    await expectBackend(page, 'webgpu');
    await expect(alert).toHaveCount(0);
    await page.getByLabel('Fit steps').fill('10');
    await page.getByRole('button', { name: 'Run self-test' }).click();
    await expect(page.getByRole('row').filter({ hasText: 'webgpu' })).toBeVisible({
      timeout: 120_000,
    });
  });

  test('a lost WebGL context is caught the same way', async ({ page }) => {
    await page.goto('/?p=diagnostics&backend=webgl');
    await expectBackend(page, 'webgl');
    await page.evaluate(() =>
      (
        globalThis as unknown as { pdeLab: { loseGpuDevice(): Promise<boolean> } }
      ).pdeLab.loseGpuDevice(),
    );
    const alert = page.getByRole('alert').filter({ hasText: 'The GPU device was lost.' });
    await expect(alert).toContainText('released on request');
    await alert.getByRole('button', { name: 'Restart compute' }).click();
    await expectBackend(page, 'webgl');
  });
});

test('the page stays responsive while the worker computes', async ({ page }) => {
  await page.goto('/?backend=webgpu&p=diagnostics&st.n=32&st.b=1&st.r=1&st.s=5000&st.g=16');
  await expectBackend(page, 'webgpu');
  await page.getByRole('button', { name: 'Start animation' }).click();
  await page.getByRole('button', { name: 'Run self-test' }).click();
  await expect(page.getByText(/Fitting a 2-D field: step/)).toBeVisible({ timeout: 90_000 });
  const framesDrawn = () =>
    page.evaluate(
      () =>
        (window as Window & { __displayCheck?: { frames: number } }).__displayCheck?.frames ?? 0,
    );
  const before = await framesDrawn();
  await expect.poll(framesDrawn, { timeout: 10_000 }).toBeGreaterThan(before + 30);
  await expect(page.getByRole('progressbar')).toBeVisible(); // still training meanwhile
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByText('The self-test was stopped.')).toBeVisible();
});
