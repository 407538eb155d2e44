import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { DEMO_PASSWORD } from "./support/e2e-settings";
import { logInAs } from "./support/pages";

// The parent and student this spec links are created here through the admin
// UI, so the seeded families stay as other specs expect them.

const MANAGER = "manager@example.com";
const MANAGER_NAME = "Morgan Lee";

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

/** Checks the page at 1280 and 375 px wide, then returns to 1280 px. */
async function expectAccessibleAtBothWidths(page: Page, label: string) {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoAxeViolations(page, `${label} at ${width} px`);
    await expectNoHorizontalScroll(page);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function createRecord(page: Page, kind: "parent" | "student", name: string): Promise<string> {
  await page.goto(`/admin/${kind}s/new`);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: `Save ${kind}` }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/${kind}s/\\d+`));
  return new URL(page.url()).pathname;
}

test("link and unlink show in the history", async ({ page }) => {
  const stamp = Date.now();
  const parentName = `Audit Parent ${stamp}`;
  const studentName = `Audit Student ${stamp}`;
  const linked = `Linked parent ${parentName} to student ${studentName} as guardian`;
  const unlinked = `Unlinked parent ${parentName} from student ${studentName}`;

  await logInAs(page, MANAGER, DEMO_PASSWORD, "/admin/parents");
  await createRecord(page, "student", studentName);
  const parentPath = await createRecord(page, "parent", parentName);
  const parentId = parentPath.split("/").at(-1);
  const history = page.getByRole("region", { name: "History" });

  await test.step("a new parent has an empty history", async () => {
    await expect(history.getByText(`No change to ${parentName} has been recorded yet.`)).toBeVisible();
  });

  await test.step("manager links and unlinks a student", async () => {
    await page.getByLabel("Find a student by name or email").fill(studentName);
    await page.getByRole("search", { name: "Student search" }).getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/studentSearch=/);
    await page.getByLabel("Student", { exact: true }).selectOption({ label: studentName });
    await page.getByLabel("Relationship", { exact: true }).selectOption("guardian");
    await page.getByRole("button", { name: "Add student" }).click();
    await expect(page.getByRole("button", { name: `Remove ${studentName}`, exact: true })).toBeVisible();
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: `Remove ${studentName}`, exact: true }).click();
    await expect(page.getByRole("button", { name: `Remove ${studentName}`, exact: true })).toHaveCount(0);
  });

  await test.step("the parent's history lists both, newest first", async () => {
    await page.reload();
    const events = history.getByRole("list", { name: `Latest changes to ${parentName}` }).locator(":scope > li");
    await expect(events).toHaveCount(2);
    await expect(events.nth(0)).toContainText(unlinked);
    await expect(events.nth(1)).toContainText(linked);
    await expect(events.nth(0)).toContainText(`by ${MANAGER_NAME}`);
    await expect(events.nth(1).getByRole("definition")).toContainText(/none →.*Guardian/);
    await expectAccessibleAtBothWidths(page, "parent page");
  });

  await test.step("full history is filtered by the parent", async () => {
    await history.getByRole("link", { name: "See full history" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/admin/audit" && url.searchParams.get("parent") === parentId);
    await expect(page.getByRole("heading", { level: 1, name: "History" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Record filters" })).toHaveText(new RegExp(`Parent: ${parentName}`));
    const events = page.getByRole("list", { name: "Events, newest first" }).locator(":scope > li");
    await expect(events).toHaveCount(2);
    await expect(events.nth(0)).toContainText(unlinked);
    await expect(events.nth(1)).toContainText(linked);
    await expect(events.nth(1).getByRole("link", { name: studentName })).toBeVisible();
    await expectAccessibleAtBothWidths(page, "history filtered by parent");
  });

  await test.step("action filter narrows to the unlink", async () => {
    await page.getByLabel("Action", { exact: true }).selectOption("link.removed");
    await page.getByRole("button", { name: "Show events" }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get("action") === "link.removed");
    const events = page.getByRole("list", { name: "Events, newest first" }).locator(":scope > li");
    await expect(events).toHaveCount(1);
    await expect(events.nth(0)).toContainText(unlinked);
  });

  await test.step("a filter that matches nothing shows the empty state", async () => {
    await page.getByLabel("From", { exact: true }).fill("2001-01-01");
    await page.getByLabel("To", { exact: true }).fill("2001-01-02");
    await page.getByRole("button", { name: "Show events" }).click();
    await expect(page.getByText("No event matches these filters.")).toBeVisible();
    await expectAccessibleAtBothWidths(page, "empty history");
  });

  await test.step("History is in the manager navigation", async () => {
    await page.getByRole("navigation", { name: "Manager sections" }).getByRole("link", { name: "History" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/admin/audit" && url.search === "");
    await expect(page.getByRole("list", { name: "Events, newest first" })).toBeVisible();
    await expectAccessibleAtBothWidths(page, "full history");
  });
});
