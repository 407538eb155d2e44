import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { DEMO_PASSWORD } from "./support/e2e-settings";
import { clearMailbox, findSetPasswordLink, listEmails, waitForOnlyEmailTo } from "./support/mailbox";
import { logInAs, SetPasswordPage } from "./support/pages";

// The user this spec resets and deactivates is created here through the admin
// UI, so the seeded demo users keep the passwords other specs log in with.

const MANAGER = "manager@example.com";
const MANAGER_NAME = "Morgan Lee";
const RESET_ANSWER =
  "If an account uses that email, a reset link is on its way. It works once and expires in 72 hours.";

async function expectNoAxeViolations(page: Page, label: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((violation) => `${violation.id}: ${violation.help}`), label).toEqual([]);
}

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, "pixels of horizontal page scroll").toBeLessThanOrEqual(0);
}

async function requestReset(page: Page, email: string) {
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/forgot-password");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(RESET_ANSWER);
}

test("unknown email gets the same answer", async ({ page }) => {
  await clearMailbox();
  await requestReset(page, "nobody-here@example.com");
  const emails = await listEmails();
  expect(emails.filter((email) => email.to.includes("nobody-here@example.com"))).toEqual([]);
});

test("reset password and deactivate", async ({ page, openSession }) => {
  const stamp = Date.now();
  const name = `Reset Tester ${stamp}`;
  const login = `reset.tester.${stamp}@example.com`;
  const password = "reset-tester-2026";
  const userPage = await openSession();

  await test.step("manager creates a parent user", async () => {
    await clearMailbox();
    await logInAs(page, MANAGER, DEMO_PASSWORD, "/admin/parents");
    await page.goto("/admin/parents/new");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Email", { exact: true }).fill(login);
    await page.getByRole("button", { name: "Save parent" }).click();
    await expect(page).toHaveURL(/\/admin\/parents\/\d+/);
    await page.getByRole("button", { name: "Create Parent User" }).click();
    await waitForOnlyEmailTo(login);
    await clearMailbox();
  });

  await test.step("user resets the password by email", async () => {
    await requestReset(userPage, login);
    const email = await waitForOnlyEmailTo(login);
    expect(email.subject).toBe("Reset your Example School portal password");
    await userPage.goto(findSetPasswordLink(email));
    await new SetPasswordPage(userPage).setPassword(password);
    await expect(userPage).toHaveURL((url) => url.pathname === "/login");
    await logInAs(userPage, login, password, "/portal");
  });

  await test.step("manager finds the user in the list", async () => {
    await page.goto(`/admin/users?q=${encodeURIComponent(login)}`);
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row.getByRole("cell", { name: "Active", exact: true })).toBeVisible();
    await row.getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
  });

  await test.step("manager deactivates the user", async () => {
    await page.getByRole("button", { name: "Deactivate" }).click();
    await expect(page.getByRole("main").getByRole("status")).toContainText(`${login} is deactivated`);
    await expect(page.getByRole("button", { name: "Reactivate" })).toBeVisible();
  });

  await test.step("the user's next request goes to login", async () => {
    await userPage.goto("/portal");
    await expect(userPage).toHaveURL((url) => url.pathname === "/login");
  });

  await test.step("manager cannot deactivate themselves", async () => {
    await page.goto(`/admin/users?q=${encodeURIComponent(MANAGER)}`);
    await page.getByRole("link", { name: MANAGER_NAME, exact: true }).click();
    await expect(page.getByRole("heading", { name: MANAGER_NAME })).toBeVisible();
    await page.getByRole("button", { name: "Deactivate" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "You cannot deactivate your own account. Ask another manager to do it.",
    );
  });
});

for (const width of [1280, 375]) {
  test(`axe on new pages at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/forgot-password");
    await expectNoAxeViolations(page, `/forgot-password at ${width} px`);
    await expectNoHorizontalScroll(page);

    await logInAs(page, MANAGER, DEMO_PASSWORD, "/admin/parents");
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
    await expectNoAxeViolations(page, `/admin/users at ${width} px`);
    await expectNoHorizontalScroll(page);
  });
}
