import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { DEMO_PASSWORD } from "./support/e2e-settings";
import {
  clearEmailFailures,
  clearMailbox,
  failEmailsTo,
  findSetPasswordLink,
  listEmails,
  waitForOnlyEmailTo,
} from "./support/mailbox";
import { logInAs, SetPasswordPage } from "./support/pages";

// The parents and users in this spec are created here through the admin UI,
// so the seeded demo families keep the state other specs rely on.

const MANAGER = "manager@example.com";
const FAILURE_MESSAGE = "Mailbox unavailable";
// The outbox stores the mail API's error as "<name>: <message>".
const FAILED_TEXT = `failed — internal_server_error: ${FAILURE_MESSAGE}`;

async function expectNoAxeViolations(page: Page, label: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((violation) => `${violation.id}: ${violation.help}`), label).toEqual([]);
}

async function expectNoHorizontalScroll(page: Page, label: string) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `pixels of horizontal page scroll on ${label}`).toBeLessThanOrEqual(0);
}

/** Checks the current page with axe at 1280 px and at 375 px wide, then returns to 1280 px. */
async function expectAccessibleAtBothWidths(page: Page, label: string) {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoAxeViolations(page, `${label} at ${width} px`);
    await expectNoHorizontalScroll(page, `${label} at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Creates a parent through the admin UI and clicks Create Parent User on its page. */
async function createParentWithUser(page: Page, name: string, login: string) {
  await page.goto("/admin/parents/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Email", { exact: true }).fill(login);
  await page.getByRole("button", { name: "Save parent" }).click();
  await expect(page).toHaveURL(/\/admin\/parents\/\d+/);
  await page.getByRole("button", { name: "Create Parent User" }).click();
  await expect(page.getByText(/^Invitation:/)).toBeVisible();
}

/** Reloads the page until `locator` shows `text`, because the app sends email after its response. */
async function reloadUntil(page: Page, locator: Locator, text: string | RegExp) {
  await expect(async () => {
    await page.reload();
    await expect(locator).toContainText(text, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

/** Returns the value (dd) of a term (dt) on a details list. */
function definition(page: Page, term: string): Locator {
  return page
    .locator("dt", { hasText: new RegExp(`^\\s*${term}\\s*$`) })
    .locator("xpath=following-sibling::dd[1]");
}

test.afterEach(async () => {
  await clearEmailFailures();
});

test("resend a failed invitation", async ({ page, openSession }) => {
  const stamp = Date.now();
  const name = `Failing Invite ${stamp}`;
  const login = `failing.invite.${stamp}@example.com`;
  let userPath = "";

  await test.step("the invitation fails at the mail API", async () => {
    await clearMailbox();
    await failEmailsTo(login, FAILURE_MESSAGE);
    await logInAs(page, MANAGER, DEMO_PASSWORD, "/admin/parents");
    await createParentWithUser(page, name, login);
    await reloadUntil(page, page.getByText(/^Invitation:/), FAILED_TEXT);
    await expectAccessibleAtBothWidths(page, "parent page");
  });

  await test.step("the users list and user page show the reason", async () => {
    await page.goto(`/admin/users?q=${encodeURIComponent(login)}`);
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText(FAILED_TEXT);
    await expectAccessibleAtBothWidths(page, "/admin/users");
    await row.getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
    userPath = new URL(page.url()).pathname;
    await expect(definition(page, "Invitation")).toContainText(FAILED_TEXT);
    await expectAccessibleAtBothWidths(page, "user page");
  });

  await test.step("the report lists it under Failed", async () => {
    await page.goto("/admin/invitations");
    await page.getByLabel("Search name or login").fill(login);
    await page.getByLabel("Invitation state").selectOption("failed");
    await page.getByRole("button", { name: "Show parents" }).click();
    await expect(page).toHaveURL(/state=failed/);
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText(FAILED_TEXT);
    await expect(row).toContainText("Failed, ");
    await expectAccessibleAtBothWidths(page, "/admin/invitations");
  });

  await test.step("Resend invitation sends a working link", async () => {
    await clearEmailFailures();
    await page.goto(userPath);
    await page.getByRole("button", { name: "Resend invitation" }).click();
    await expect(page.getByRole("main").getByRole("status")).toContainText(
      `A new invitation is on its way to ${login}.`,
    );
    await reloadUntil(page, definition(page, "Invitation"), /^sent$/);
    const email = await waitForOnlyEmailTo(login);
    const parentPage = await openSession();
    await parentPage.goto(findSetPasswordLink(email));
    await new SetPasswordPage(parentPage).setPassword("failing-invite-2026");
    await expect(parentPage).toHaveURL((url) => url.pathname === "/login");
    await logInAs(parentPage, login, "failing-invite-2026", "/portal");
  });
});

test("bulk re-invite from the report", async ({ page }) => {
  const stamp = Date.now();
  const first = { name: `Bulk Invite A ${stamp}`, login: `bulk.a.${stamp}@example.com` };
  const second = { name: `Bulk Invite B ${stamp}`, login: `bulk.b.${stamp}@example.com` };
  const reportUrl = `/admin/invitations?q=${stamp}`;

  await test.step("two parents are invited", async () => {
    await clearMailbox();
    await logInAs(page, MANAGER, DEMO_PASSWORD, "/admin/parents");
    await createParentWithUser(page, first.name, first.login);
    await createParentWithUser(page, second.name, second.login);
    await waitForOnlyEmailTo(first.login);
    await waitForOnlyEmailTo(second.login);
    await page.goto(reportUrl);
    await reloadUntil(page, page.getByRole("row", { name: new RegExp(second.name) }), "sent");
    await expect(page.getByRole("row", { name: new RegExp(first.name) })).toContainText("sent");
    await clearMailbox();
  });

  await test.step("re-invite one selected row", async () => {
    await page.getByLabel(`Select ${first.name}`).check();
    await page.getByRole("button", { name: "Re-invite selected (1)…" }).click();
    await expect(page.getByRole("heading", { name: "Re-invite 1 parent?" })).toBeFocused();
    await expectAccessibleAtBothWidths(page, "/admin/invitations confirmation");
    await page.getByRole("button", { name: "Confirm re-invite" }).click();
    await expect(
      page.getByRole("main").getByRole("status").filter({ hasText: "1 new invitation is on the way" }),
    ).toBeVisible();
    const results = page.getByRole("table", { name: "Re-invite results" });
    await expect(results.getByRole("row", { name: new RegExp(first.name) })).toContainText(
      "Invitation queued",
    );
    await waitForOnlyEmailTo(first.login);
  });

  await test.step("re-invite all matching", async () => {
    await page.goto(reportUrl);
    await reloadUntil(page, page.getByRole("row", { name: new RegExp(first.name) }), "sent");
    await page.getByRole("button", { name: "Re-invite all matching (2)…" }).click();
    await expect(page.getByRole("heading", { name: "Re-invite 2 parents?" })).toBeFocused();
    await page.getByRole("button", { name: "Confirm re-invite" }).click();
    const results = page.getByRole("table", { name: "Re-invite results" });
    await expect(results.getByRole("row", { name: new RegExp(first.name) })).toContainText(
      "Invitation queued",
    );
    await expect(results.getByRole("row", { name: new RegExp(second.name) })).toContainText(
      "Invitation queued",
    );
    await expectAccessibleAtBothWidths(page, "/admin/invitations results");
    await expect
      .poll(async () => (await listEmails()).filter((email) => email.to.includes(first.login)).length, {
        message: `emails to ${first.login}`,
        timeout: 20_000,
      })
      .toBe(2);
    await waitForOnlyEmailTo(second.login);
  });
});

test("report shows an empty state", async ({ page }) => {
  await logInAs(page, MANAGER, DEMO_PASSWORD, "/admin/parents");
  await page.goto("/admin/invitations?q=no-such-parent-anywhere");
  await expect(page.getByText("No parent matches these filters.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Invitations", exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expectAccessibleAtBothWidths(page, "/admin/invitations empty");
});

test("student page shows parent invitations", async ({ page }) => {
  await logInAs(page, MANAGER, DEMO_PASSWORD, "/admin/parents");
  await page.goto("/admin/students?q=Tom%20Brown");
  await page.getByRole("link", { name: "Tom Brown", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Tom Brown", level: 1 })).toBeVisible();
  const parents = page.getByRole("table", { name: "Parents linked to this student" });
  await expect(parents.getByRole("columnheader", { name: "Invitation" })).toBeVisible();
  await expect(parents.getByRole("row", { name: /Linda Brown/ })).toContainText("accepted");
  await expectAccessibleAtBothWidths(page, "student page");
});
