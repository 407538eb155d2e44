import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import {
  APP_URL,
  DEMO_PASSWORD,
  E2E_DATABASE_FILE,
  FAKE_MAIL_PORT,
  FAKE_MAIL_URL,
} from "./tests/e2e/support/e2e-settings";

// The browser tests run against a production build (`npm run test:e2e` runs
// `next build` first), a freshly seeded database and a fake Resend API. Both
// servers listen on 127.0.0.1 and are started and stopped by Playwright.

// Debian's chromium package when present, because Playwright's own browser
// download may be unavailable. Elsewhere Playwright uses its installed browser.
const chromiumPath =
  process.env.CHROMIUM_PATH || (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

/** The app's environment. Values set here win over .env and .env.local. */
const appEnv = {
  DATABASE_URL: `file:${E2E_DATABASE_FILE}`,
  AUTH_SECRET: randomBytes(32).toString("base64"),
  APP_URL,
  RESEND_API_KEY: "re_test_key",
  RESEND_BASE_URL: FAKE_MAIL_URL,
  EMAIL_FROM: "Example School <office@example.com>",
  SCHOOL_NAME: "Example School",
  DEMO_PASSWORD,
  // An empty value stops a developer's .env.local from marking the run as production.
  APP_ENV: "",
  VERCEL_ENV: "",
  NEXT_TELEMETRY_DISABLED: "1",
};

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  // One seeded database is shared by every test, so they run one at a time.
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: "list",
  timeout: 90_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: APP_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      name: "mail",
      command: "npx tsx tests/support/fake-mail-api.ts",
      url: `${FAKE_MAIL_URL}/__messages`,
      env: { FAKE_MAIL_PORT: String(FAKE_MAIL_PORT) },
      reuseExistingServer: false,
      stdout: "pipe",
      timeout: 30_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      name: "app",
      command: "npx tsx tests/support/e2e-server.ts",
      url: `${APP_URL}/api/health`,
      env: appEnv,
      reuseExistingServer: false,
      stdout: "pipe",
      timeout: 120_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    },
  ],
});
