import { defineConfig } from '@playwright/test';

// End-to-end tests drive the production build (vite build + vite preview) in the system
// Chromium: the same bundle users get, no on-the-fly compilation to wait for.
// E2E_PORT lets several checkouts run their suites side by side on one machine.
const PORT = Number(process.env.E2E_PORT) || 4173;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  // Budgets against a hang, not speed checks (those are in `npm run bench`): generous, because the
  // suite must pass on a 2-core machine that is busy with other work (load average 20+ seen here).
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    viewport: { width: 1440, height: 1000 },
    // The production build registers a service worker (offline use). Blocked here, so that every
    // test sees the network as the page does and none downloads the precache; e2e/offline.spec.ts
    // allows it.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  webServer: {
    command: `npx vite build --logLevel warn && npx vite preview --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
