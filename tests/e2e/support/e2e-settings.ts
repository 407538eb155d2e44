// Addresses and credentials shared by playwright.config.ts and the specs.
// Every server the browser tests use is started by Playwright on 127.0.0.1.

// E2E_APP_PORT and E2E_MAIL_PORT let two checkouts run the suite side by side.
export const APP_PORT = Number(process.env.E2E_APP_PORT || 3100);
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;

export const FAKE_MAIL_PORT = Number(process.env.E2E_MAIL_PORT || 3901);
export const FAKE_MAIL_URL = `http://127.0.0.1:${FAKE_MAIL_PORT}`;

/** Password of every seeded demo user. playwright.config.ts passes it to the seed as DEMO_PASSWORD. */
export const DEMO_PASSWORD = "portal-demo-2026";

/** The database the app under test uses, recreated by tests/support/e2e-server.ts on every run. */
export const E2E_DATABASE_FILE = "data/e2e.db";
