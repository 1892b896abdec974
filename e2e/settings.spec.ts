import { expect, expectBackend, test } from './fixtures';

// The shipped models install in the background on first load; one landing after "Delete
// everything" would race the count this file checks.
test.use({ shipsPretrainedModel: false });

test('settings switch the backend, the theme, and show and clear storage', async ({ page }) => {
  await page.goto('/?backend=webgpu');
  await expectBackend(page, 'webgpu');
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();

  await expect(dialog.getByText(/used of .* available/)).toBeVisible();
  await expect(dialog.getByText(/Datasets: 0/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Clear all saved data…' }).click();
  await dialog.getByRole('button', { name: 'Delete everything' }).click();
  await expect(dialog.getByText(/Checkpoints: 0/)).toBeVisible();

  await dialog.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  await dialog.getByLabel('Compute backend').selectOption('webgl');
  await expect(page).toHaveURL(/backend=webgl/);
  await expectBackend(page, 'webgl');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.reload();
  await expectBackend(page, 'webgl');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('Copy debug info puts the backend and adapter on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/?backend=webgpu&p=diagnostics');
  await expectBackend(page, 'webgpu');
  await page.getByRole('button', { name: 'Copy debug info' }).click();
  await expect(page.getByText('Copied to the clipboard.')).toBeVisible();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toContain('Backend: webgpu (asked for webgpu); TensorFlow.js 4.22.0');
  expect(text).toContain('architecture=swiftshader');
  expect(text).toMatch(/maxBufferSize: \d+/);
});
