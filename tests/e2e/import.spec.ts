import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { DEMO_PASSWORD } from "./support/e2e-settings";
import { AdminParentPage, logInAs } from "./support/pages";

// The students and parents of this spec are created by the imports it runs,
// so no seeded family changes.

const MANAGER = "manager@example.com";

const STUDENTS_FILE = [
  "external_id,name,email,birth_date",
  "E2E-S-1,Iris Importer,,2013-02-11",
  "E2E-S-2,Jack Importer,,2015-06-30",
].join("\r\n");

const PARENTS_WITH_ERRORS = [
  "external_id,name,email,phone,relationship,student_external_ids",
  "E2E-P-1,Karen Importer,karen.importer@example.com,,mother,E2E-S-1 E2E-S-2",
  "E2E-P-2,Leo Importer,,,father,E2E-S-1",
  "E2E-P-3,Mia Importer,mia.importer@example.com,,aunt,E2E-S-9",
].join("\r\n");

// The corrected file is an OpenEduCat export: Karen's second student is on a
// continuation row below her.
const PARENTS_FIXED = [
  "External ID,Name,Email,Mobile,Relationship,Students/External ID",
  "E2E-P-1,Karen Importer,karen.importer@example.com,,Mother,E2E-S-1",
  ",,,,,E2E-S-2",
  "E2E-P-2,Leo Importer,leo.importer@example.com,,Father,E2E-S-1",
].join("\r\n");

async function expectNoAxeViolations(page: Page, label: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(
    violations.map((violation) => `${violation.id}: ${violation.help}`),
    label,
  ).toEqual([]);
}

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, "pixels of horizontal page scroll").toBeLessThanOrEqual(0);
}

/** Uploads CSV text as a file of `kind` and waits for its dry run. */
async function uploadFile(
  page: Page,
  kind: "Students" | "Parents, with their linked students",
  name: string,
  content: string,
) {
  await page.getByLabel(kind, { exact: true }).check();
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(content) });
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByRole("heading", { name: `Dry run: ${name}` })).toBeVisible();
}

async function confirmImport(page: Page, rows: string) {
  await page.getByRole("button", { name: `Import ${rows}` }).click();
  await page.getByRole("button", { name: "Confirm import" }).click();
  await expect(page.getByRole("heading", { name: /^Import result:/ })).toBeVisible();
}

function resultCell(page: Page, externalId: string) {
  return page.getByRole("row").filter({ hasText: externalId });
}

test("import parents with errors, then fixed", async ({ page }) => {
  await logInAs(page, MANAGER, DEMO_PASSWORD, "/admin/parents");
  await page
    .getByRole("navigation", { name: "Manager sections" })
    .getByRole("link", { name: "Import" })
    .click();
  await expect(page.getByRole("heading", { name: "Import", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page, "empty import page");

  await test.step("template download", async () => {
    const response = await page.request.get("/admin/import/template/parents");
    expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect((await response.text()).split("\r\n")[0]).toBe(
      "\uFEFFexternal_id,name,email,phone,relationship,student_external_ids",
    );
  });

  await test.step("students file is imported", async () => {
    await uploadFile(page, "Students", "e2e-students.csv", STUDENTS_FILE);
    await confirmImport(page, "2 valid rows");
    await expect(page.getByText("Imported", { exact: false }).first()).toBeVisible();
    await expect(page.getByRole("main").getByRole("status").first()).toContainText("2 created");
  });

  await test.step("dry run lists the errors per row", async () => {
    await uploadFile(
      page,
      "Parents, with their linked students",
      "e2e-parents.csv",
      PARENTS_WITH_ERRORS,
    );
    await expect(page.getByRole("main").getByRole("status").first()).toContainText(
      "2 rows with errors, 1 to create",
    );
    await expect(resultCell(page, "E2E-P-2")).toContainText(
      "Line 3, column email: Email is missing: a parent needs an email",
    );
    await expect(resultCell(page, "E2E-P-3")).toContainText(
      '"aunt" is not a relationship: use one of father, mother, guardian, grandparent, sibling, other.',
    );
    await expect(resultCell(page, "E2E-P-3")).toContainText('Student "E2E-S-9" was not found');
    await expectNoAxeViolations(page, "dry run with errors");
    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoHorizontalScroll(page);
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole("link", { name: "Errors only" }).click();
    await expect(resultCell(page, "E2E-P-1")).toHaveCount(0);
    await expect(resultCell(page, "E2E-P-2")).toHaveCount(1);
  });

  await test.step("fixed OpenEduCat file is imported", async () => {
    await uploadFile(
      page,
      "Parents, with their linked students",
      "e2e-parents-fixed.csv",
      PARENTS_FIXED,
    );
    await expect(page.getByRole("main").getByRole("status").first()).toContainText(
      "0 rows with errors, 2 to create",
    );
    await expect(page.getByText("Read as an OpenEduCat export", { exact: false })).toBeVisible();
    const importButton = page.getByRole("button", { name: "Import 2 valid rows" });
    await importButton.click();
    await expect(page.getByRole("button", { name: "Confirm import" })).toBeFocused();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect(importButton).toBeFocused();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: /^Import result:/ })).toBeVisible();
    await expect(resultCell(page, "E2E-P-1")).toContainText("Created");
    await expectNoAxeViolations(page, "import result");
  });

  await test.step("narrow screen has no page scroll", async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoHorizontalScroll(page);
  });

  await test.step("parent page shows the links", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const parentPage = new AdminParentPage(page);
    await parentPage.openFromList("Karen Importer");
    const students = page.getByRole("table", { name: "Students linked to this parent" });
    await expect(students.getByRole("row").filter({ hasText: "Iris Importer" })).toContainText(
      "Mother",
    );
    await expect(students.getByRole("row").filter({ hasText: "Jack Importer" })).toContainText(
      "Mother",
    );
  });
});
