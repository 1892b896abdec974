/**
 * Shared e2e setup: every test fails on a console error or uncaught page error unless it names
 * the messages it expects; helpers read the backend the way a user sees it.
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

interface LabFixtures {
  /** Console errors matching one of these are expected by the test and not counted. */
  allowConsoleErrors: RegExp[];
  consoleErrors: string[];
  /**
   * False: the site serves no pretrained model (its manifest answers with the HTML page, as a
   * static host without the file may), for tests that start from a lab with nothing trained.
   */
  shipsPretrainedModel: boolean;
}

export const test = base.extend<LabFixtures>({
  allowConsoleErrors: [[], { option: true }],
  shipsPretrainedModel: [true, { option: true }],
  context: async ({ context, shipsPretrainedModel }, use) => {
    if (!shipsPretrainedModel) {
      await context.route('**/pretrained/mae.json', (route) =>
        route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html>' }),
      );
    }
    await use(context);
  },
  consoleErrors: [
    async ({ page, allowConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error' && !allowConsoleErrors.some((r) => r.test(msg.text()))) {
          errors.push(msg.text());
        }
      });
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * The backend chip's name, once the worker has started. Specs that need WebGPU name it in the link
 * (`backend=webgpu`): in automatic mode the lab measures SwiftShader as slower than WebAssembly.
 */
export async function expectBackend(page: Page, name: string): Promise<void> {
  await expect(page.getByTestId('backend-name')).toHaveText(name, { timeout: 90_000 });
}

/** A self-test small enough for SwiftShader: a few seconds per run. */
export const TINY_SELF_TEST = 'st.n=64&st.b=1&st.r=2&st.s=25&st.g=16';

/** The tiny MAE preset through its URL keys: quick to train on SwiftShader. */
export const TINY_MAE =
  'mae.n=16&mae.t=4&mae.pt=2&mae.px=4&mae.w=32&mae.d=1&mae.h=2&mae.hd=16&mae.mlp=64' +
  '&mae.dw=16&mae.dd=1&mae.dh=2&mae.dhd=8&mae.dmlp=32&mp=tiny';

/** WCAG 2.1 AA violations on the page, one line each. */
export async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
}
