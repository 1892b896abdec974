import { expect, expectBackend, test } from './fixtures';

test('loads without console errors and runs compute on WebGPU', async ({ page, consoleErrors }) => {
  await page.goto('/?backend=webgpu');
  await expect(page.getByRole('heading', { level: 1, name: 'Data' })).toBeVisible();
  await expectBackend(page, 'webgpu');
  // Not a silent fallback: the browser really has a WebGPU adapter, and the chip names it.
  const architecture = await page.evaluate(
    async () => (await navigator.gpu.requestAdapter())?.info.architecture,
  );
  expect(architecture).toBe('swiftshader');
  await expect(
    page.getByRole('button', { name: /Compute backend: webgpu on .*swiftshader/i }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'Notices' })).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('walks the workflow with the keyboard, and back/forward restore panels', async ({ page }) => {
  await page.goto('/?backend=webgpu');
  const nav = page.getByRole('navigation', { name: 'Workflow' });
  for (const step of ['Mask', 'Model', 'Train', 'Results']) {
    await nav.getByRole('button', { name: step }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: step })).toBeVisible();
  }
  await expect(page).toHaveURL(/[?&]p=results/);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Train' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Model' })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1, name: 'Train' })).toBeVisible();
});

test('a link with garbage shows the defaults and a notice naming what was ignored', async ({
  page,
}) => {
  await page.goto('/?backend=webgpu&v=1&p=banana&st.n=-5&st.lr=abc&zzz=1');
  await expect(page.getByRole('heading', { level: 1, name: 'Data' })).toBeVisible();
  const notice = page.getByRole('status').filter({ hasText: 'could not use' });
  await expect(notice).toContainText('4 values');
  await expect(notice).toContainText('p=banana');
  await expect(notice).toContainText('st.n=-5');
  await expect(notice).toContainText('Matrix size is outside 16…2048');
  await expect(notice).toContainText('zzz=1');
  await expect(page).toHaveURL(/\/\?v=1&backend=webgpu$/); // the cleaned link carries none of it
  await notice.getByRole('button', { name: /Dismiss/ }).click();
  await expect(notice).toHaveCount(0);
  await page.getByRole('button', { name: 'Diagnostics', exact: true }).click();
  await expect(page.getByLabel('Matrix size (n)')).toHaveValue('512');
  await expectBackend(page, 'webgpu');
});

test('is usable on a phone-sized screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?backend=webgpu&p=diagnostics');
  await expect(page.getByRole('button', { name: 'Run self-test' })).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
