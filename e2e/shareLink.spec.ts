import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { SUB_PATH, SUB_PATH_PORT } from './environment';
import { expect, expectBackend, test } from './fixtures';

/** Three heat trajectories of three frames at 32²: quick to build on SwiftShader. */
const TINY_DATA = 'backend=webgpu&p=data&eq=heat&n=32&b.n=3&b.t=3&b.seed=7&heat.ic=random-sines';
const TINY_NAME = 'Heat equation, 3×3 at 32², seed 7';

interface StoredDataset {
  id: string;
  name: string;
  recipe?: string;
  shape: number[];
  /** FNV-1a of the stored float32 bytes. */
  checksum: number;
  first: number[];
}

/** The datasets in this page's lab storage, read straight from IndexedDB. */
function storedDatasets(page: Page): Promise<StoredDataset[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('pde-lab');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    type Row = { id: string; name: string; meta: { recipe?: string } };
    type Payload = { kind: string; id: string; payload: { data: Float32Array; shape: number[] } };
    const [rows, payloads] = [await all<Row>('datasets'), await all<Payload>('payloads')];
    db.close();
    return rows.map((row) => {
      const { data, shape } = payloads.find(
        (p) => p.kind === 'datasets' && p.id === row.id,
      )!.payload;
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      let checksum = 0x811c9dc5;
      for (const byte of bytes) checksum = Math.imul(checksum ^ byte, 0x01000193) >>> 0;
      return {
        id: row.id,
        name: row.name,
        recipe: row.meta.recipe,
        shape,
        checksum,
        first: Array.from(data.subarray(0, 4)),
      };
    });
  });
}

/**
 * A page in a fresh browser context (its own, empty storage), held to the fixtures' rules: no
 * console errors, no uncaught errors, no Content-Security-Policy violations.
 */
async function freshPage(browser: Browser) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || /Content[ -]Security[ -]Policy/i.test(msg.text()))
      errors.push(msg.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  await page.addInitScript(() => {
    self.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective}`);
    });
  });
  return { context, page, errors };
}

test('a shared link carries its dataset: built the same in a fresh browser, then reused', async ({
  page,
  browser,
}) => {
  test.setTimeout(400_000);
  // Page A builds a tiny dataset from its Data settings, then shares the setup.
  await page.goto(`/?${TINY_DATA}`);
  await expectBackend(page, 'webgpu');
  const datasets = page.getByRole('region', { name: 'Datasets' });
  await datasets.getByRole('button', { name: 'Build dataset' }).click();
  await expect(datasets.getByText(`Saved “${TINY_NAME}”`)).toBeVisible({ timeout: 120_000 });
  const [built] = await storedDatasets(page);
  expect(built!.recipe).toBeTruthy();
  expect(built!.first.some((v) => v !== 0)).toBe(true);

  const share = page.getByRole('button', { name: 'Share', exact: true });
  await share.click();
  const dialog = page.getByRole('dialog', { name: 'Share this setup' });
  const recipe = dialog.getByLabel('Include the dataset recipe');
  const linkBox = dialog.getByRole('textbox', { name: 'Link' });
  // On by default: a stored dataset was built from these very settings.
  await expect(recipe).toBeChecked();
  await expect(dialog.getByText(`You have it saved as “${TINY_NAME}”`)).toBeVisible();
  await expect(linkBox).toHaveValue(/#ds=1$/);
  const qr = dialog.getByRole('img', { name: /QR code of the link, with the dataset recipe/ });
  await expect(qr.locator('svg path')).toHaveCount(2);
  const axe = await new AxeBuilder({ page })
    .include('.share-dialog')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await recipe.uncheck();
  await expect(linkBox).not.toHaveValue(/ds=1/);
  await expect(dialog.getByRole('img', { name: /^QR code of the link: scan/ })).toBeVisible();
  await recipe.check();
  await dialog.getByRole('button', { name: 'Copy' }).click();
  await expect(dialog.getByText(/Copied the link|the link is selected/)).toBeVisible();
  const link = await linkBox.inputValue();
  expect(link).toContain(`${new URL(page.url()).origin}/?`);
  expect(link).toContain('b.seed=7');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(share).toBeFocused();

  // A fresh browser opens the link: it builds the dataset, selects it, and gets the same numbers.
  const fresh = await freshPage(browser);
  try {
    const other = fresh.page;
    await other.goto(link);
    await expectBackend(other, 'webgpu');
    const notices = other.getByRole('region', { name: 'Notices' });
    await expect(
      other.getByRole('progressbar', { name: /Building a dataset progress/ }),
    ).toBeVisible();
    await expect(notices.getByText(`Built the linked dataset “${TINY_NAME}”`)).toBeVisible({
      timeout: 120_000,
    });
    expect(new URL(other.url()).hash).toBe(''); // the request is done with
    const otherDatasets = other.getByRole('region', { name: 'Datasets' });
    await expect(otherDatasets.getByRole('row').filter({ hasText: TINY_NAME })).toHaveCount(1);
    const [copy, ...none] = await storedDatasets(other);
    expect(none).toEqual([]);
    expect(copy!.recipe).toBe(built!.recipe);
    expect(copy!.shape).toEqual(built!.shape);
    expect(copy!.first).toEqual(built!.first);
    expect(copy!.checksum).toBe(built!.checksum);

    // Another dataset becomes the newest; opening the link again selects the stored copy
    // instead of building a third.
    const seed = otherDatasets.getByLabel('Dataset seed', { exact: true });
    await seed.fill('8');
    await seed.press('Enter');
    await expect(other).toHaveURL(/b\.seed=8/);
    await otherDatasets.getByRole('button', { name: 'Build dataset' }).click();
    await expect(otherDatasets.getByText(/Saved “Heat equation, 3×3 at 32², seed 8”/)).toBeVisible({
      timeout: 120_000,
    });
    await other.goto(link);
    await expectBackend(other, 'webgpu');
    await expect(
      notices.getByText(`Using the stored dataset “${TINY_NAME}”, built from this link’s recipe.`),
    ).toBeVisible();
    await expect(otherDatasets.getByRole('row').filter({ hasText: /seed [78]/ })).toHaveCount(2);
    expect(await storedDatasets(other)).toHaveLength(2);
    await other
      .getByRole('navigation', { name: 'Workflow' })
      .getByRole('button', { name: 'Train' })
      .click();
    await expect(other.getByRole('combobox', { name: /^Dataset/ })).toHaveValue(copy!.id);
    expect(fresh.errors, 'console errors in the fresh browser').toEqual([]);
  } finally {
    await fresh.context.close();
  }
});

test('a link whose recipe cannot be used falls back with a notice and builds nothing', async ({
  page,
}) => {
  await page.goto('/?backend=webgpu&pde=nonsense#ds=1');
  await expectBackend(page, 'webgpu');
  const notices = page.getByRole('region', { name: 'Notices' });
  await expect(notices.getByText(/The link had a value this lab could not use/)).toBeVisible();
  await expect(
    notices.getByText(
      'The link’s dataset recipe could not be read in full, so no dataset was built.',
    ),
  ).toBeVisible();
  expect(new URL(page.url()).hash).toBe('');

  // Valid settings that cannot build (a mix with no equation in it): said, and nothing else.
  await page.goto('/?backend=webgpu&b.mode=mix&mix.heat=0&mix.advection=0&mix.burgers=0#ds=1');
  await expectBackend(page, 'webgpu');
  await expect(
    notices.getByText(/The link asks for its dataset, but its Data settings cannot build one/),
  ).toBeVisible();
  await expect(
    notices.getByText('Give at least one equation of the mix a weight above 0.'),
  ).toBeVisible();
  const datasets = page.getByRole('region', { name: 'Datasets' });
  await expect(datasets.getByText('No datasets saved yet.')).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  // The share dialog says why it offers no recipe.
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this setup' });
  await expect(dialog.getByLabel('Include the dataset recipe')).toBeDisabled();
  await expect(dialog.getByRole('textbox', { name: 'Link' })).not.toHaveValue(/ds=1/);
});

test('the share link keeps a sub-path deployment’s path', async ({ page }) => {
  const base = `http://127.0.0.1:${SUB_PATH_PORT}${SUB_PATH}`;
  await page.goto(`${base}?backend=webgpu&eq=heat`);
  await expectBackend(page, 'webgpu');
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this setup' });
  await expect(dialog.getByRole('textbox', { name: 'Link' })).toHaveValue(
    new RegExp(`^${base}\\?v=1&`),
  );
  await expect(dialog.getByRole('textbox', { name: 'Link' })).toHaveValue(/eq=heat/);
  await expect(
    dialog.getByRole('img', { name: /QR code of the link/ }).locator('svg'),
  ).toBeVisible();
});
