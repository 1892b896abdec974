/** `npm run screenshot`: the README's picture of the lab, after a small self-test on WebGPU. */
import { spawn } from 'node:child_process';
import { launch } from './browserBench';

const PORT = 4175;
const URL = `http://127.0.0.1:${PORT}/?p=diagnostics&st.n=128&st.b=2&st.r=3&st.s=200&st.g=32`;

const server = spawn(
  'npx',
  ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
  {
    stdio: 'ignore',
    detached: true,
  },
);
await new Promise((r) => setTimeout(r, 2000));
const browser = await launch();
try {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
  });
  await page.goto(URL);
  await page.getByTestId('backend-name').filter({ hasText: 'webgpu' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Run self-test' }).click();
  await page.getByRole('row').filter({ hasText: 'webgpu' }).waitFor({ timeout: 300_000 });
  await page.getByRole('button', { name: 'Start animation' }).click();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: 'public/screenshot.png' });
  console.log('Wrote public/screenshot.png');
} finally {
  await browser.close();
  if (server.pid) process.kill(-server.pid);
}
