import { CHROMIUM_PATH, WEBGPU_ARGS } from './environment';
import { expect, expectBackend, test, TINY_SELF_TEST } from './fixtures';

// A browser without WebGPU: the same Chromium, with WebGPU switched off.
test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [
      ...WEBGPU_ARGS.filter((a) => a !== '--enable-unsafe-webgpu'),
      '--disable-features=WebGPU,Vulkan',
    ],
  },
});

test('without WebGPU the lab falls back to the fastest other backend, says why, and still computes', async ({
  page,
}) => {
  await page.goto(`/?p=diagnostics&${TINY_SELF_TEST}`);
  // WebGL here is SwiftShader too, and a software GPU never beats WebAssembly.
  await expectBackend(page, 'wasm');
  const banner = page
    .getByRole('status')
    .filter({ hasText: 'Running on wasm: webgpu could not start.' });
  await expect(banner).toContainText(
    /webgpu: (this browser does not expose WebGPU|no WebGPU adapter)/,
  );
  await expect(banner).toContainText('Automatic choice: WebAssembly');
  await page.getByRole('button', { name: 'Run self-test' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'wasm' })).toBeVisible({
    timeout: 120_000,
  });
  await banner.getByRole('button', { name: /Dismiss/ }).click();
  await expect(banner).toHaveCount(0);
});
