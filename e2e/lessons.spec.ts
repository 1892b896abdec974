/**
 * Lessons and presenter mode: a lesson opened from the header walks the lab through its steps,
 * a lesson link opens at its step, and presenter mode enlarges, hides and restores the page.
 * Uses the diffusion lesson: live heat simulations on a 32 × 32 grid, no dataset to build.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { Lesson } from '../src/lessons/lessonFormat';
import { expect, expectBackend, test, violations } from './fixtures';

const diffusion = JSON.parse(
  readFileSync(new URL('../src/lessons/diffusion.json', import.meta.url), 'utf8'),
) as Lesson;

const lessonBar = (page: Page) => page.getByRole('complementary', { name: /./ });
const equation = (page: Page) => page.getByRole('combobox', { name: 'Equation', exact: true });

/** What each step of the diffusion lesson sets: the equation, the grid and more. */
const EXPECTED = [
  { pde: 'heat', n: 32 },
  { pde: 'heat', n: 64, initial: 'random-sines' },
  { pde: 'heat', n: 64, initial: 'random-sines', nu: '0.02' },
  { pde: 'heat', n: 32, scheme: 'ftcs' },
  { pde: 'advection', n: 64 },
];

/** The grid side of the live simulation's newest frame. */
const liveGrid = (page: Page) =>
  page.evaluate(
    () =>
      (
        globalThis as unknown as { pdeLab: { liveSummary(): { n: number } | undefined } }
      ).pdeLab.liveSummary()?.n,
  );

test('a lesson from the header walks the lab through its steps', async ({ page }, testInfo) => {
  expect(diffusion.steps).toHaveLength(EXPECTED.length);
  await page.goto('/?backend=webgpu');
  await expectBackend(page, 'webgpu');
  await page.getByRole('button', { name: 'Lessons' }).click();
  const picker = page.getByRole('dialog', { name: 'Lessons' });
  await expect(picker.getByRole('heading', { name: 'What diffusion does' })).toBeVisible();
  await expect(picker.getByText(`Equations · ${diffusion.steps.length} steps`)).toBeVisible();
  await expect(picker.getByRole('heading', { level: 3 })).toHaveCount(5);
  await page.screenshot({ path: testInfo.outputPath('picker-1280x720.png') });
  expect(await violations(page)).toEqual([]);
  await picker.getByRole('button', { name: 'Start “What diffusion does”' }).click();
  await expect(picker).toBeHidden();

  const bar = lessonBar(page);
  for (const [i, step] of diffusion.steps.entries()) {
    const expected = EXPECTED[i]!;
    await expect(bar.getByRole('heading', { level: 2 })).toHaveText(step.title);
    await expect(bar.getByText(`Step ${i + 1} of ${diffusion.steps.length}`).first()).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`#lesson=diffusion&step=${i + 1}$`));
    await expect(page).toHaveURL(/[?&]backend=webgpu/); // the viewer's backend is kept
    await expect(page.getByRole('heading', { level: 1, name: 'Data' })).toBeVisible();
    await expect(equation(page)).toHaveValue(expected.pde);
    await expect.poll(() => liveGrid(page)).toBe(expected.n); // the live view follows
    if (expected.nu) {
      await expect(
        page.getByRole('spinbutton', { name: 'Diffusivity ν', exact: true }),
      ).toHaveValue(expected.nu);
    }
    if (expected.initial) {
      await expect(page.getByRole('combobox', { name: 'Initial condition' })).toHaveValue(
        expected.initial,
      );
    }
    if (expected.scheme) {
      // The lesson's claim: Δt = 0.25 is beyond FTCS's limit here, and the lab sub-steps.
      await expect(page.getByRole('combobox', { name: 'Scheme' })).toHaveValue(expected.scheme);
      await page
        .getByRole('toolbar', { name: 'Playback' })
        .getByRole('button', { name: 'Step' })
        .click();
      await expect(
        page.getByRole('status').filter({ hasText: 'beyond the stability limit' }),
      ).toContainText('(0.098)');
    }
    if (i === 1) {
      await expect(bar.getByText(step.answer)).toHaveCount(0);
      await bar.getByRole('button', { name: 'Reveal answer' }).click();
      await expect(bar.getByText(step.answer)).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath('lesson-1280x720.png') });
      expect(await violations(page)).toEqual([]);
    }
    if (i < diffusion.steps.length - 1) await bar.getByRole('button', { name: 'Next' }).click();
  }
  await expect(bar.getByRole('button', { name: 'Next' })).toBeDisabled();
  // Back returns to the previous step, settings and all.
  await page.goBack();
  await expect(bar.getByRole('heading', { level: 2 })).toHaveText(diffusion.steps[3]!.title);
  await expect(equation(page)).toHaveValue('heat');
  await bar.getByRole('button', { name: 'Close lesson' }).click();
  await expect(bar).toHaveCount(0);
  await expect(page).not.toHaveURL(/lesson=/);
});

test('each model lesson starts at its model, with the preset its shipped model uses', async ({
  page,
}) => {
  await page.goto('/?backend=webgpu');
  await expectBackend(page, 'webgpu');
  const lessons = [
    {
      title: 'Hide and seek: the masked autoencoder',
      model: /Masked autoencoder/,
      preset: 'Classroom',
    },
    { title: 'Forecasting from ten sensors', model: /^DINo$/, preset: 'Classroom' },
    { title: 'Codes and experts: PhysicNet', model: /^PhysicNet-style$/, preset: 'Small' },
    { title: 'Rolling forward: DPOT', model: /^DPOT$/, preset: 'Classroom' },
  ];
  for (const lesson of lessons) {
    await page.getByRole('button', { name: 'Lessons' }).click();
    await page.getByRole('button', { name: `Start “${lesson.title}”` }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Model' })).toBeVisible();
    await expect(page.locator('.model-about__title')).toHaveText(lesson.model);
    await expect(page.getByRole('radio', { checked: true })).toHaveAccessibleName(lesson.preset);
    await expect(lessonBar(page).getByText('Step 1 of').first()).toBeVisible();
  }
});

test('a lesson link opens at its step; an unknown lesson gets a notice', async ({ page }) => {
  const step = diffusion.steps[1]!;
  await page.goto(`/${step.url}&backend=webgpu#lesson=diffusion&step=2`);
  await expectBackend(page, 'webgpu');
  const bar = lessonBar(page);
  await expect(bar.getByRole('heading', { level: 2 })).toHaveText(step.title);
  await expect(bar.getByText('Step 2 of 5').first()).toBeVisible();
  await expect(equation(page)).toHaveValue('heat');

  // A hand-written link with no settings gets the step's own state, in place of the bare address.
  await page.goto('/?backend=webgpu#lesson=diffusion&step=2');
  await expect(bar.getByRole('heading', { level: 2 })).toHaveText(step.title);
  await expect(equation(page)).toHaveValue('heat');
  await expect(page).toHaveURL(/[?&]eq=heat.*#lesson=diffusion&step=2$/);

  await page.goto(`/${diffusion.steps[0]!.url}&backend=webgpu#lesson=diffusion&step=9`);
  await expect(page.getByRole('status').filter({ hasText: 'has no step 9' })).toContainText(
    'steps 1 to 5',
  );
  await expect(bar.getByRole('heading', { level: 2 })).toHaveText(diffusion.steps[0]!.title);

  await page.goto('/?backend=webgpu&eq=wave#lesson=no-such-lesson&step=2');
  const notice = page.getByRole('status').filter({ hasText: 'no-such-lesson' });
  await expect(notice).toContainText('does not have');
  await expect(equation(page)).toHaveValue('wave'); // the lab still opens with the link's settings
  await expect(lessonBar(page)).toHaveCount(0);
});

test('presenter mode: large type, controls behind h, arrows step, Escape restores', async ({
  page,
}, testInfo) => {
  await page.goto(`/${diffusion.steps[0]!.url}&backend=webgpu#lesson=diffusion&step=1`);
  await expectBackend(page, 'webgpu');
  const header = page.locator('header.app-header');
  const bar = lessonBar(page);
  await expect(bar.getByRole('heading', { level: 2 })).toHaveText(diffusion.steps[0]!.title);
  const before = await page.evaluate(() => ({
    scrollY: window.scrollY,
    rootFont: getComputedStyle(document.documentElement).fontSize,
    attributes: document.documentElement.getAttributeNames().sort(),
    mainWidth: document.querySelector('main')!.getBoundingClientRect().width,
  }));

  await header.getByRole('button', { name: 'Present' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-presenter', '');
  await expect(header).toBeHidden();
  const textSize = await bar
    .locator('.lesson-bar__body p')
    .first()
    .evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  expect(textSize).toBeGreaterThanOrEqual(20);
  const titleSize = await bar
    .getByRole('heading', { level: 2 })
    .evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
  expect(titleSize).toBeGreaterThanOrEqual(26);
  await expect(page.getByText('show the lab’s controls')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('presenter-1280x720.png') });

  await page.keyboard.press('h');
  await expect(header).toBeVisible();
  await expect(page.getByText('hide the lab’s controls')).toBeVisible();
  await page.keyboard.press('h');
  await expect(header).toBeHidden();

  await page.keyboard.press('ArrowRight');
  await expect(bar.getByRole('heading', { level: 2 })).toHaveText(diffusion.steps[1]!.title);
  await expect(page).toHaveURL(/#lesson=diffusion&step=2$/);
  await page.keyboard.press('PageDown');
  await expect(bar.getByRole('heading', { level: 2 })).toHaveText(diffusion.steps[2]!.title);
  await page.keyboard.press('ArrowLeft');
  await expect(bar.getByRole('heading', { level: 2 })).toHaveText(diffusion.steps[1]!.title);
  await expect(page).toHaveURL(/[?&]sin\.k=8[&#]/); // the step's settings, though hidden
  await expect(page).toHaveURL(/#lesson=diffusion&step=2$/);

  await page.keyboard.press('Escape');
  await expect(header).toBeVisible();
  await expect(page.locator('html')).not.toHaveAttribute('data-presenter');
  await expect
    .poll(() =>
      page.evaluate(() => ({
        rootFont: getComputedStyle(document.documentElement).fontSize,
        attributes: document.documentElement.getAttributeNames().sort(),
        fullscreen: document.fullscreenElement !== null,
        scrollY: window.scrollY,
      })),
    )
    .toEqual({
      rootFont: before.rootFont,
      attributes: before.attributes,
      fullscreen: false,
      scrollY: before.scrollY,
    });
  const mainWidth = await page.evaluate(
    () => document.querySelector('main')!.getBoundingClientRect().width,
  );
  expect(mainWidth).toBe(before.mainWidth);

  // The key p enters too, and leaving scrolls back to where the page was.
  // (Once the previous exit from full screen has finished putting the scroll back.)
  const scrolled = 150;
  await expect
    .poll(() => page.evaluate((y) => (window.scrollTo(0, y), window.scrollY), scrolled))
    .toBe(scrolled);
  await page.keyboard.press('p');
  await expect(header).toBeHidden();
  await page.keyboard.press('ArrowRight');
  await expect(bar.getByRole('heading', { level: 2 })).toHaveText(diffusion.steps[2]!.title);
  await page.keyboard.press('Escape');
  await expect(header).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(scrolled);

  // On a phone the lesson follows the lab and the page does not overflow.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(bar.getByRole('button', { name: 'Next' })).toBeVisible();
  // Charts drawn at the old width follow the resize a moment later.
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth))
    .toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath('lesson-390x844.png') });
  await page.keyboard.press('p');
  await page.screenshot({ path: testInfo.outputPath('presenter-390x844.png') });
  await page.keyboard.press('Escape');
  await expect(header).toBeVisible();
});
