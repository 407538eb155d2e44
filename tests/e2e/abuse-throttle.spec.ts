import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

// Forgot-password requests are counted per typed email, known or not. The
// e2e server runs without TRUSTED_PROXY, so only the per-email limit applies.

const REQUESTED_MESSAGE =
  "If an account uses that email, a reset link is on its way. It works once and expires in 72 hours.";
const THROTTLED_MESSAGE =
  "Too many reset requests. Wait 15 minutes and try again, or ask the school office to send you a link.";
const REQUESTS_ALLOWED = 5;

// A seeded parent that no other spec uses, and an email with no account.
const KNOWN_EMAIL = "rory.martin4@example.com";
const UNKNOWN_EMAIL = "nobody.reset@example.com";

/** Submits the forgot-password form once and returns the status text it shows. */
async function submitReset(page: Page, email: string): Promise<string> {
  await page.goto("/forgot-password");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  const status = page.getByRole("main").getByRole("status");
  await expect(status).toBeVisible();
  return (await status.textContent()) ?? "";
}

async function submitResets(page: Page, email: string): Promise<string[]> {
  const messages: string[] = [];
  for (let i = 0; i <= REQUESTS_ALLOWED; i++) messages.push(await submitReset(page, email));
  return messages;
}

test("forgot password throttles known and unknown alike", async ({ page }) => {
  const known = await submitResets(page, KNOWN_EMAIL);
  const unknown = await submitResets(page, UNKNOWN_EMAIL);
  const expected = [...Array(REQUESTS_ALLOWED).fill(REQUESTED_MESSAGE), THROTTLED_MESSAGE];

  expect(known, "messages for an email with an account").toEqual(expected);
  expect(unknown, "messages for an email without an account").toEqual(expected);
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((violation) => `${violation.id}: ${violation.help}`), "axe on the throttled form").toEqual([]);
});
