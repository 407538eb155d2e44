import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { DEMO_PASSWORD } from "./support/e2e-settings";
import { clearMailbox, listEmails } from "./support/mailbox";
import { logInAs } from "./support/pages";

// The parents this spec creates users for are added here through the admin
// UI under a name unique to the run, so the seeded families stay as they are.

const MANAGER = "manager@example.com";

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

async function addParent(page: Page, name: string, email: string) {
  await page.goto("/admin/parents/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Save parent" }).click();
  await expect(page).toHaveURL(/\/admin\/parents\/\d+/);
}

test("Create Parent Users for selected parents", async ({ page }) => {
  const stamp = Date.now();
  const family = `Bulkfam${stamp}`;
  const parents = ["Ada", "Ben", "Cy"].map((first) => ({
    name: `${first} ${family}`,
    email: `${first.toLowerCase()}.bulk.${stamp}@example.com`,
  }));

  await test.step("manager adds three parents", async () => {
    await clearMailbox();
    await logInAs(page, MANAGER, DEMO_PASSWORD, "/admin/parents");
    for (const parent of parents) await addParent(page, parent.name, parent.email);
  });

  await test.step("manager selects them on the filtered list", async () => {
    await page.goto(`/admin/parents?q=${family}`);
    await page.getByRole("checkbox", { name: "Select all parents on this page" }).check();
    await expect(page.getByRole("status").filter({ hasText: "3 parents selected" })).toBeVisible();
    await page.getByRole("button", { name: "Create Parent Users" }).click();
    await expect(page.getByRole("heading", { name: "Create portal users for 3 parents?" })).toBeVisible();
    await expectNoAxeViolations(page, "/admin/parents with the confirmation open");
  });

  await test.step("the job runs to 100 %", async () => {
    await page.getByRole("button", { name: "Create users for 3 parents" }).click();
    await expect(page).toHaveURL(/\/admin\/jobs\/\d+/);
    const bar = page.getByRole("progressbar");
    await expect(bar).toHaveAttribute("aria-valuemax", "3");
    await expect(bar).toHaveAttribute("aria-valuenow", "3");
    await expect(page.getByText("3 of 3 (100 %)")).toBeVisible();
  });

  await test.step("the results list each parent as created", async () => {
    const results = page.getByRole("table", { name: "Results per parent" });
    for (const parent of parents) {
      const row = results.getByRole("row", { name: new RegExp(parent.name) });
      await expect(row.getByRole("cell", { name: "Created", exact: true })).toBeVisible();
      await expect(row.getByRole("link", { name: parent.email })).toBeVisible();
    }
    await expect(page.getByRole("link", { name: /Created\s*3/ })).toBeVisible();
    await expectNoAxeViolations(page, "/admin/jobs/[id]");
  });

  await test.step("each parent receives one invitation", async () => {
    for (const parent of parents) {
      await expect
        .poll(async () => (await listEmails()).filter((email) => email.to.includes(parent.email)).length, {
          message: `invitations to ${parent.email}`,
          timeout: 20_000,
        })
        .toBe(1);
    }
  });

  await test.step("the job shows in the job list", async () => {
    await page.goto("/admin/jobs");
    await expect(page.getByRole("heading", { name: "Bulk jobs", level: 1 })).toBeVisible();
    await expect(page.getByRole("row", { name: /Create Parent Users.*Finished/ }).first()).toBeVisible();
    await expectNoAxeViolations(page, "/admin/jobs");
  });
});

for (const width of [1280, 375]) {
  test(`axe on bulk pages at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await logInAs(page, MANAGER, DEMO_PASSWORD, "/admin/parents");
    await page.getByRole("checkbox", { name: "Select all parents on this page" }).check();
    await expectNoAxeViolations(page, `/admin/parents with a selection at ${width} px`);
    await expectNoHorizontalScroll(page);
    await page.goto("/admin/jobs");
    await expectNoAxeViolations(page, `/admin/jobs at ${width} px`);
    await expectNoHorizontalScroll(page);
    await page.getByRole("link", { name: /^Create Parent Users #\d+$/ }).first().click();
    await expect(page.getByRole("progressbar")).toBeVisible();
    await expectNoAxeViolations(page, `/admin/jobs/[id] at ${width} px`);
    await expectNoHorizontalScroll(page);
  });
}

test("progress route is for managers only", async ({ page }) => {
  const anonymous = await page.request.get("/admin/jobs/1/progress", { maxRedirects: 0 });
  expect(anonymous.headers()["location"] ?? "").toContain("/login");

  await logInAs(page, "linda.brown@example.com", DEMO_PASSWORD, "/portal");
  const parent = await page.request.get("/admin/jobs/1/progress", { maxRedirects: 0 });
  expect(parent.status()).not.toBe(200);
  await page.goto("/admin/jobs");
  await expect(page).toHaveURL((url) => url.pathname === "/portal");
});
