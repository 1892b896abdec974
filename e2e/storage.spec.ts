import { expect, expectBackend, test } from './fixtures';

test('a saved record this version cannot read is reported and skipped, not fatal', async ({
  page,
}) => {
  await page.goto('/?backend=webgpu');
  await expectBackend(page, 'webgpu');
  const settings = page.getByRole('button', { name: 'Settings', exact: true });
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await settings.click(); // the lab creates its database on first use
  await expect(dialog.getByText(/Datasets: 0/)).toBeVisible();
  await page.keyboard.press('Escape');
  // Write, behind the lab's back, one record from a "future" schema and one with broken metadata.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('pde-lab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['datasets', 'runs', 'payloads'], 'readwrite');
          const row = { name: 'x', createdAt: Date.now(), sizeBytes: 8 };
          tx.objectStore('datasets').put({
            ...row,
            id: 'from-the-future',
            schemaVersion: 99,
            meta: {},
          });
          tx.objectStore('payloads').put({ kind: 'datasets', id: 'from-the-future', payload: {} });
          tx.objectStore('runs').put({
            ...row,
            id: 'broken-run',
            schemaVersion: 1,
            meta: 'not an object',
          });
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(
    dialog.getByText('2 saved records could not be read and are skipped:'),
  ).toBeVisible();
  await expect(dialog.getByText(/Datasets “from-the-future”: .*v99/)).toBeVisible();
  await expect(dialog.getByText(/Runs “broken-run”:/)).toBeVisible();
  await expect(dialog.getByText(/Datasets: 1/)).toBeVisible();

  await dialog.getByRole('button', { name: 'Clear all saved data…' }).click();
  await dialog.getByRole('button', { name: 'Delete everything' }).click();
  await expect(dialog.getByText(/could not be read/)).toHaveCount(0);
  await expect(dialog.getByText(/Datasets: 0/)).toBeVisible();
});
