import { expect, expectBackend, test, violations } from './fixtures';

test('configures the MAE: presets, parameter count, custom settings and problems', async ({
  page,
}) => {
  await page.goto('/?backend=webgpu&p=model');
  await expectBackend(page, 'webgpu');
  await expect(page.getByRole('heading', { level: 1, name: 'Model' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('mae');
  // The four seed methods of the lab.
  await expect(page.getByRole('combobox', { name: 'Model' }).locator('option')).toHaveText([
    'Masked autoencoder (MAE-PDE)',
    'DINo',
    'PhysicNet-style',
    'DPOT',
  ]);

  const presets = page.getByRole('radiogroup', { name: 'Size' });
  const current = page.locator('.model-presets__current');
  const count = page.getByTestId('parameter-count');
  const diagram = page.getByRole('figure', { name: /How the masked autoencoder sees/ });
  await expect(presets.getByRole('radio', { name: 'Classroom' })).toBeChecked();
  await expect(presets.getByRole('radio', { checked: true })).toHaveCount(1);
  await expect(count).toHaveText('80.5 k');
  await expect(page.getByText('80,544 exactly')).toBeVisible();
  await expect(diagram).toContainText('128 tokens of 32 values');
  await expect(diagram).toContainText('reads the 32 visible tokens only');
  await expect(diagram).toContainText('+ 96 mask tokens = 128');
  await expect(page.getByText('Ready to train')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await violations(page), `${scheme} theme`).toEqual([]);
  }

  // The presets are a radio group: the arrow keys move the choice.
  await presets.getByRole('radio', { name: 'Classroom' }).focus();
  await page.keyboard.press('ArrowLeft');
  const tiny = presets.getByRole('radio', { name: 'Tiny' });
  await expect(tiny).toBeChecked();
  await expect(tiny).toBeFocused();
  await expect(count).toHaveText('12.9 k');
  await expect(page).toHaveURL(/[?&]mp=tiny/);
  await expect(page).toHaveURL(/[?&]mae\.n=16/);
  await expect(page.getByRole('spinbutton', { name: /^Grid/ })).toHaveValue('16');
  await expect(current).toContainText('Tiny');

  await presets.getByRole('radio', { name: 'Paper' }).click();
  await expect(count).toHaveText('11.0 M');
  await expect(diagram).toContainText('reads the 103 visible tokens only');
  await expect(diagram).toContainText('+ 921 mask tokens = 1024');

  // Any edit makes the config custom, in the panel and in the link.
  await page.getByLabel('Encoder width').fill('96');
  await expect(current).toContainText('Custom');
  await expect(presets.getByRole('radio', { checked: true })).toHaveCount(0);
  await expect(count).not.toHaveText('11.0 M');
  await expect(diagram).toContainText('width 96 · 8 blocks');
  await expect(page).toHaveURL(/[?&]mp=custom/);
  await expect(page).toHaveURL(/[?&]mae\.w=96/);

  // Patches that do not tile the grid: the config cannot be trained, and the panel says why.
  await page.getByLabel('Patch side').fill('5');
  const alert = page.getByRole('alert').filter({ hasText: 'Not trainable' });
  await expect(alert).toContainText('The grid (64) must be a whole number of patch sides (5).');
  await expect(page.getByText('Ready to train')).toHaveCount(0);
  await expect(diagram).toContainText('– tokens');

  // A shared link shows the same config and preset.
  await page.reload();
  await expectBackend(page, 'webgpu');
  await expect(current).toContainText('Custom');
  await expect(page.getByLabel('Patch side')).toHaveValue('5');
  await expect(alert).toBeVisible();

  // A preset starts over; Back returns to the custom config.
  await presets.getByRole('radio', { name: 'Classroom' }).click();
  await expect(alert).toHaveCount(0);
  await expect(count).toHaveText('80.5 k');
  await expect(page).not.toHaveURL(/mae\.|mp=/);
  await page.goBack();
  await expect(current).toContainText('Custom');
  await expect(page.getByLabel('Patch side')).toHaveValue('5');
  await page.goForward();
  await expect(presets.getByRole('radio', { name: 'Classroom' })).toBeChecked();

  // What to try: a higher mask ratio, seen in the Mask panel.
  await page.getByLabel('Training mask ratio').fill('0.9');
  await expect(diagram).toContainText('reads the 13 visible tokens only');
  await page.getByRole('button', { name: 'See this masking in the Mask panel' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mask' })).toBeVisible();
  await expect(page).toHaveURL(/[?&]m\.r=0\.9/);
});

test('the Model panel fits a phone-sized screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  // A hand-edited preset key with no config of its own: the config (the default's) decides.
  await page.goto('/?backend=webgpu&p=model&mp=paper');
  await expect(page.getByTestId('parameter-count')).toHaveText('80.5 k');
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
