import AxeBuilder from '@axe-core/playwright';
import { expect, expectBackend, test, TINY_SELF_TEST } from './fixtures';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function violations(page: import('@playwright/test').Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

for (const scheme of ['light', 'dark'] as const) {
  test(`no WCAG 2.1 AA violations in the ${scheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/?backend=webgpu&p=banana'); // with a notice showing
    await expectBackend(page, 'webgpu');
    expect(await violations(page)).toEqual([]);

    await page.goto(`/?backend=webgpu&p=diagnostics&${TINY_SELF_TEST}`);
    await expectBackend(page, 'webgpu');
    await page.getByRole('button', { name: 'Run self-test' }).click();
    await expect(page.getByRole('row').filter({ hasText: 'webgpu' })).toBeVisible({
      timeout: 150_000,
    });
    expect(await violations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(page.getByText(/used of|used$/).first()).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });
}
