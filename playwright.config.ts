import { defineConfig } from '@playwright/test';
import {
  BUILD_DIR,
  CHROMIUM_PATH,
  PREVIEW_PORT,
  SUB_PATH,
  SUB_PATH_PORT,
  WEBGPU_ARGS,
} from './e2e/environment';

export default defineConfig({
  testDir: 'e2e',
  timeout: 180_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: '.reports/e2e.json' }]],
  use: {
    browserName: 'chromium',
    baseURL: `http://127.0.0.1:${PREVIEW_PORT}/`,
    viewport: { width: 1280, height: 720 },
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: WEBGPU_ARGS,
    },
    trace: 'retain-on-failure',
    // The lab's service worker would precache the whole site in every fresh context, and requests
    // it answers bypass the routes specs set; only e2e/offline.spec.ts lets it run.
    serviceWorkers: 'block',
  },
  webServer: [
    {
      command: `npx vite preview --host 127.0.0.1 --port ${PREVIEW_PORT} --strictPort --outDir ${BUILD_DIR}`,
      url: `http://127.0.0.1:${PREVIEW_PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `npx tsx e2e/subPathServer.ts`,
      env: { PORT: String(SUB_PATH_PORT) },
      url: `http://127.0.0.1:${SUB_PATH_PORT}${SUB_PATH}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
