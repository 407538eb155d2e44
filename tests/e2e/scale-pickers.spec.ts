import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { DEMO_PASSWORD } from "./support/e2e-settings";
import { logInAs } from "./support/pages";

// The parent and student this spec links are created here through the admin
// UI, so the seeded families stay as other specs expect them.

const MANAGER = "manager@example.com";

async function expectAccessibleAtBothWidths(page: Page, label: string) {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((violation) => `${violation.id}: ${violation.help}`), `${label} at ${width} px`).toEqual([]);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `pixels of horizontal page scroll on ${label} at ${width} px`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function createRecord(page: Page, kind: "parent" | "student", name: string, email: string): Promise<string> {
  await page.goto(`/admin/${kind}s/new`);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: `Save ${kind}` }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/${kind}s/\\d+`));
  return new URL(page.url()).pathname;
}

test("student page finds a parent to link", async ({ page, browser }) => {
  const stamp = Date.now();
  const parentName = `Picker Parent ${stamp}`;
  const parentEmail = `picker.parent.${stamp}@example.com`;
  const studentName = `Picker Student ${stamp}`;
  const search = page.getByRole("search", { name: "Parent search" });
  const parentSelect = page.getByLabel("Parent", { exact: true });

  await logInAs(page, MANAGER, DEMO_PASSWORD, "/admin/parents");
  await createRecord(page, "parent", parentName, parentEmail);
  const studentPath = await createRecord(page, "student", studentName, `picker.student.${stamp}@example.com`);

  await test.step("without a search the picker lists at most 25 parents", async () => {
    await page.goto(studentPath);
    await expect(parentSelect.locator("option:not([value=''])")).not.toHaveCount(0);
    expect(await parentSelect.locator("option:not([value=''])").count()).toBeLessThanOrEqual(25);
    await expect(page.getByRole("status").filter({ hasText: /parents? (by name|can be added)/ })).toBeVisible();
  });

  await test.step("a search by email lists the one match", async () => {
    await search.getByLabel("Find a parent by name or email").fill(parentEmail.toUpperCase());
    await search.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/parentSearch=/);
    await expect(page.getByText("1 parent matches.")).toBeVisible();
    await expect(parentSelect.locator("option:not([value=''])")).toHaveText([`${parentName} (${parentEmail})`]);
    await expectAccessibleAtBothWidths(page, "student page with a parent search");
  });

  await test.step("manager links the parent it found", async () => {
    await parentSelect.selectOption({ label: `${parentName} (${parentEmail})` });
    await page.getByLabel("Relationship", { exact: true }).selectOption("guardian");
    await page.getByRole("button", { name: "Add parent" }).click();
    await expect(page.getByRole("button", { name: `Remove ${parentName}`, exact: true })).toBeVisible();
  });

  await test.step("a linked parent no longer matches", async () => {
    await page.reload();
    await expect(page.getByText(`No parent matches "${parentEmail.toUpperCase()}" who is not already linked`)).toBeVisible();
    await expect(parentSelect).toHaveCount(0);
    await expectAccessibleAtBothWidths(page, "student page with no match");
  });

  await test.step("wildcards match only themselves", async () => {
    await page.goto(`${studentPath}?parentSearch=${encodeURIComponent("%_%")}`);
    await expect(page.getByText('No parent matches "%_%"')).toBeVisible();
  });

  await test.step("the search works without JavaScript", async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      storageState: await page.context().storageState(),
    });
    try {
      const noScript = await context.newPage();
      await noScript.goto(studentPath);
      const noScriptSearch = noScript.getByRole("search", { name: "Parent search" });
      await noScriptSearch.getByLabel("Find a parent by name or email").fill(`${stamp}`);
      await noScriptSearch.getByRole("button", { name: "Search" }).click();
      await expect(noScript).toHaveURL(new RegExp(`parentSearch=${stamp}`));
      await expect(noScript.getByText(`No parent matches "${stamp}"`)).toBeVisible();
    } finally {
      await context.close();
    }
  });
});

test("parent page finds a student to link", async ({ page }) => {
  const stamp = Date.now();
  const parentName = `Finder Parent ${stamp}`;
  const studentName = `Finder Student ${stamp}`;
  const search = page.getByRole("search", { name: "Student search" });
  const studentSelect = page.getByLabel("Student", { exact: true });

  await logInAs(page, MANAGER, DEMO_PASSWORD, "/admin/parents");
  await createRecord(page, "student", studentName, `finder.student.${stamp}@example.com`);
  const parentPath = await createRecord(page, "parent", parentName, `finder.parent.${stamp}@example.com`);

  await test.step("a search by name lists the match", async () => {
    await page.goto(parentPath);
    expect(await studentSelect.locator("option:not([value=''])").count()).toBeLessThanOrEqual(25);
    await search.getByLabel("Find a student by name or email").fill(`finder student ${stamp}`);
    await search.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/studentSearch=/);
    await expect(page.getByText("1 student matches.")).toBeVisible();
    await expect(studentSelect.locator("option:not([value=''])")).toHaveText([
      `${studentName} (finder.student.${stamp}@example.com)`,
    ]);
    await expectAccessibleAtBothWidths(page, "parent page with a student search");
  });

  await test.step("clear search lists the first students again", async () => {
    await search.getByRole("link", { name: "Clear search" }).click();
    await expect(page).toHaveURL(new RegExp(`${parentPath}$`));
    await expect(studentSelect.locator("option:not([value=''])")).not.toHaveCount(0);
  });
});

test("emails list filters and pages", async ({ page }) => {
  const filters = page.getByRole("search", { name: "Filter emails" });

  await logInAs(page, MANAGER, DEMO_PASSWORD, "/admin/parents");
  await page.goto("/admin/emails");

  await test.step("the list shows at most 50 emails", async () => {
    await expect(page.getByRole("heading", { level: 1, name: "Emails" })).toBeVisible();
    expect(await page.locator("tbody tr").count()).toBeLessThanOrEqual(50);
    await expectAccessibleAtBothWidths(page, "emails list");
  });

  await test.step("a filter with no match names the filters", async () => {
    await filters.getByLabel("Recipient contains").fill("nobody_%");
    await filters.getByLabel("Status").selectOption("failed");
    await filters.getByLabel("Template").selectOption({ label: "Digest" });
    await filters.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/status=failed/);
    await expect(
      page.getByText('No emails match recipient containing "nobody_%", status failed, template Digest.'),
    ).toBeVisible();
    await expectAccessibleAtBothWidths(page, "emails list with no match");
  });

  await test.step("a recipient search lists only that recipient", async () => {
    await page.goto("/admin/emails?recipient=linda.brown%40example.com");
    const recipients = page.locator("tbody th");
    await expect(recipients.first()).toHaveText("linda.brown@example.com");
    for (const text of await recipients.allTextContents()) {
      expect(text).toBe("linda.brown@example.com");
    }
  });

  await test.step("Older and Newer page by id", async () => {
    await page.goto("/admin/emails?before=2");
    await expect(page.locator("tbody tr")).toHaveCount(1);
    await expect(page.getByRole("navigation", { name: "Email pages" }).getByRole("link", { name: "Older" })).toHaveCount(0);
    await page.getByRole("navigation", { name: "Email pages" }).getByRole("link", { name: "Newer" }).click();
    await expect(page).toHaveURL(/after=1/);
    await expect(page.locator("tbody tr").first()).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Email pages" }).getByRole("link", { name: "Older" })).toBeVisible();
  });
});
