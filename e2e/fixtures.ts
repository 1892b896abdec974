/**
 * Shared e2e setup: every test fails on a console error or uncaught page error unless it names
 * the messages it expects, and on any Content-Security-Policy violation whatever it expects;
 * helpers read the backend the way a user sees it.
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

interface LabFixtures {
  /** Console errors matching one of these are expected by the test and not counted. */
  allowConsoleErrors: RegExp[];
  consoleErrors: string[];
  /** Content-Security-Policy violations on the page or in its workers: none is ever expected. */
  securityPolicyViolations: string[];
  /**
   * False: the site serves no pretrained model (every manifest answers with the HTML page, as a
   * static host without the files may), for tests that start from a lab with nothing trained.
   */
  shipsPretrainedModel: boolean;
}

export const test = base.extend<LabFixtures>({
  allowConsoleErrors: [[], { option: true }],
  shipsPretrainedModel: [true, { option: true }],
  context: async ({ context, shipsPretrainedModel }, use) => {
    if (!shipsPretrainedModel) {
      await context.route('**/pretrained/*.json', (route) =>
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
  securityPolicyViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      const isViolation = (text: string) => /Content[ -]Security[ -]Policy/i.test(text);
      page.on('console', (msg) => {
        if (isViolation(msg.text())) violations.push(msg.text());
      });
      page.on('pageerror', (error) => {
        if (isViolation(error.message)) violations.push(`uncaught: ${error.message}`);
      });
      // The browser logs most violations itself; the event also catches those it only reports.
      await page.addInitScript(reportViolations);
      page.on('worker', (worker) => {
        worker.evaluate(reportViolations).catch(() => {}); // a worker may end before this runs
      });
      await use(violations);
      // A violation inside the compute worker is caught there (Playwright does not forward a
      // worker's own log): the lab then says what failed, and that message names the policy.
      const shown = await page
        .getByText(/Content[ -]Security[ -]Policy/i)
        .allTextContents()
        .catch(() => []);
      violations.push(...shown.map((text) => `shown on the page: ${text}`));
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

/** In the page or a worker: logs each securitypolicyviolation event as a console error. */
function reportViolations(): void {
  self.addEventListener('securitypolicyviolation', (event) => {
    console.error(
      `Content Security Policy violation: ${event.violatedDirective} blocked ` +
        `${event.blockedURI || 'inline code'} (${event.sourceFile}:${event.lineNumber})`,
    );
  });
}

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

/** Ten quick training steps through the Train panel's URL keys. */
export const TEN_TRAIN_STEPS = 'tr.s=10&tr.b=2&tr.ve=5&tr.ce=5&tr.se=5';

/** Builds and saves a small heat dataset (6 trajectories of 8 frames at 32²) on WebGPU. */
export async function buildSmallHeatDataset(page: Page): Promise<void> {
  await page.goto('/?backend=webgpu&p=data&n=32&b.n=6&b.t=8&eq=heat&heat.ic=random-sines');
  await expectBackend(page, 'webgpu');
  const datasets = page.getByRole('region', { name: 'Datasets' });
  await datasets.getByRole('button', { name: 'Build dataset' }).click();
  await expect(datasets.getByText(/Saved “/)).toBeVisible({ timeout: 120_000 });
}

/** WCAG 2.1 AA violations on the page, one line each. */
export async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
}
