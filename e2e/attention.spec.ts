import { expect, expectBackend, test, violations } from './fixtures';

test('the shipped MAE shows its decoder attention from a clicked masked patch', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('/?backend=webgpu&p=data&n=32&b.n=2&b.t=8&eq=heat&heat.ic=random-sines');
  await expectBackend(page, 'webgpu');
  const card = page.getByRole('region', { name: 'Datasets' });
  await card.getByRole('button', { name: 'Build dataset' }).click();
  await expect(card.getByText(/Saved “Heat equation, 2×8 at 32²/)).toBeVisible({
    timeout: 60_000,
  });

  const nav = page.getByRole('navigation', { name: 'Workflow' });
  await nav.getByRole('button', { name: 'Mask' }).click();
  await expect(page.getByLabel('Reconstruct with').locator('option:checked')).toHaveText(
    /^Pretrained MAE classroom/,
  );
  const section = page.getByRole('region', { name: 'Attention as a kernel' });
  await expect(section.getByLabel('Show attention')).not.toBeChecked();

  // A click on the MAE reconstruction chooses the patch under it: the top-left one of frame 1
  // is x1 and (y upwards) y8 of the first time block (the model's 32² grid, 8 × 8 patches).
  const pick = page.getByTestId('attention-pick');
  const box = (await pick.boundingBox())!;
  await page.mouse.click(box.x + box.width / 16, box.y + box.height / 16);
  await expect(section.getByLabel('Show attention')).toBeChecked();
  await expect(section.getByRole('status')).toContainText('Query: patch t1 x1 y8', {
    timeout: 30_000,
  });

  // One grid per temporal block, 8 × 8 patches each; choose a masked one.
  const blocks = section.getByRole('group', { name: /^Temporal block \d of 2/ });
  await expect(blocks).toHaveCount(2);
  await expect(section.getByRole('button', { name: /^Patch t\d x\d y\d, / })).toHaveCount(128);
  const masked = section.getByRole('button', { name: /^Patch t\d x\d y\d, masked/ }).first();
  const name = (await masked.getAttribute('aria-label'))!.match(/^Patch (t\d x\d y\d)/)![1]!;
  await masked.click();
  await expect(masked).toHaveAttribute('aria-pressed', 'true');
  await expect(section.getByRole('status')).toContainText(`Query: patch ${name} (masked)`);

  await expect(
    section.getByRole('figure', { name: /^Attention mass against periodic distance/ }),
  ).toBeVisible();
  await expect(section.locator('.plotly-chart .main-svg').first()).toBeVisible({ timeout: 30_000 });
  const rEff = section
    .getByRole('row', { name: /Decoder attention, visible keys/ })
    .getByRole('cell')
    .first();
  const value = Number(await rEff.textContent());
  expect(Number.isFinite(value)).toBe(true);
  expect(value).toBeGreaterThan(0);
  await expect(
    section.getByRole('complementary', { name: 'Attention as a kernel, explained' }),
  ).toContainText(`From patch ${name}, the decoder puts`);

  // The keyboard moves on the grid without stepping the frames, and Enter chooses the query.
  await masked.focus();
  await page.keyboard.press('ArrowRight');
  const focused = page.locator(':focus');
  await expect(focused).toHaveAttribute('aria-label', /^Patch t\d x\d y\d/);
  await expect(focused).not.toHaveAttribute('aria-label', new RegExp(`^Patch ${name}`));
  await expect(page.locator('.mask-viewer__time')).toContainText('frame 1/4');
  await page.keyboard.press('Enter');
  await expect(focused).toHaveAttribute('aria-pressed', 'true');

  expect(await violations(page)).toEqual([]);
});
