import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { DEMO_PASSWORD } from "./support/e2e-settings";
import { expectPageNotFound, logInAs, PortalPage } from "./support/pages";

// The manager enters an exam result and a partly paid, overdue fee for Tom
// Brown; his mother Linda Brown then reads both in the portal. The test finds
// its own records by name, so other data in the seeded database does not matter.

const MANAGER = "manager@example.com";
const LINDA = "linda.brown@example.com";
const JOHN = "john.smith@example.com";
const SUBJECT = "Number theory";
const EXAM = "Grades e2e test";
const FEE = "Grades e2e trip";

/** Returns the school's date (Europe/London, the default SCHOOL_TIME_ZONE) `offsetDays` from today. */
function schoolDate(offsetDays: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
  const [year, month, day] = today.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day + offsetDays)).toISOString().slice(0, 10);
}

/** Checks axe at desktop width and at 375 px, and that the narrow page does not scroll sideways. */
async function expectAccessible(page: Page) {
  const desktop = page.viewportSize();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations, `axe on ${page.url()} at desktop width`).toEqual([]);
  await page.setViewportSize({ width: 375, height: 800 });
  const narrow = await new AxeBuilder({ page }).analyze();
  expect(narrow.violations, `axe on ${page.url()} at 375 px`).toEqual([]);
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `page width of ${page.url()} at 375 px`).toBeLessThanOrEqual(375);
  if (desktop) await page.setViewportSize(desktop);
}

async function tomPath(browser: Browser): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logInAs(page, LINDA, DEMO_PASSWORD, "/portal");
  const path = await new PortalPage(page).studentPath("Tom Brown");
  await context.close();
  return path;
}

test("grades and fees reach the portal", async ({ page, openSession, browser }) => {
  await test.step("manager adds a subject", async () => {
    await logInAs(page, MANAGER, DEMO_PASSWORD, "/admin/parents");
    await page.goto("/admin/results");
    const form = page.getByRole("form", { name: "Add a subject" });
    await form.getByLabel("Course").selectOption({ label: "Mathematics 7" });
    await form.getByLabel("Subject").fill(SUBJECT);
    await form.getByLabel("Teacher").fill("Ms Patel");
    await form.getByRole("button", { name: "Add subject" }).click();
    await expect(form.getByRole("status")).toHaveText(`Added ${SUBJECT}, taught by Ms Patel.`);
    await expect(page.getByRole("rowheader", { name: SUBJECT })).toBeVisible();
    await expectAccessible(page);
  });

  await test.step("manager creates an exam", async () => {
    const form = page.getByRole("form", { name: "Create an exam" });
    await form.getByLabel("Course").selectOption({ label: "Mathematics 7" });
    await form.getByLabel("Exam name").fill(EXAM);
    await form.getByLabel("Date").fill(schoolDate(-2));
    await form.getByLabel("Term").fill("Autumn term");
    await form.getByRole("button", { name: "Create exam" }).click();
    await expect(page).toHaveURL(/\/admin\/results\/\d+\?created=1$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(EXAM);
    await expectAccessible(page);
  });

  await test.step("marks above the maximum are rejected", async () => {
    await page.getByLabel("Maximum marks").fill("50");
    const cell = page.getByLabel(`Tom Brown – ${SUBJECT} marks`);
    await cell.fill("51");
    await page.getByRole("button", { name: "Save results" }).click();
    await expect(cell).toHaveAttribute("aria-invalid", "true");
    await expect(cell).toHaveAccessibleDescription("Marks are above the maximum: enter 0 to 50.");
  });

  // A second tab opened before the save shows the empty sheet.
  const staleTab = await page.context().newPage();
  await staleTab.goto(page.url());

  await test.step("manager saves Tom's result", async () => {
    await page.getByLabel(`Tom Brown – ${SUBJECT} marks`).fill("45");
    await page.getByRole("button", { name: "Save results" }).click();
    const results = page.getByRole("form", { name: "Results" });
    await expect(results.getByRole("status")).toHaveText(/^Saved 1 result\. Families of 1 student were notified\.$/);
  });

  await test.step("stale tab saves nothing", async () => {
    await staleTab.getByLabel(`Tom Brown – ${SUBJECT} marks`).fill("30");
    await staleTab.getByRole("button", { name: "Save results" }).click();
    await expect(staleTab.getByRole("form", { name: "Results" }).getByRole("alert")).toHaveText(
      /^Someone else saved results for this exam since you opened it/,
    );
    await staleTab.reload();
    await expect(staleTab.getByLabel(`Tom Brown – ${SUBJECT} marks`)).toHaveValue("45");
    await staleTab.close();
  });

  await test.step("manager adds an overdue fee", async () => {
    await page.goto("/admin/fees");
    const form = page.getByRole("form", { name: "Add a fee" });
    await form.getByLabel("Student").selectOption({ label: "Tom Brown" });
    await form.getByLabel("Term").fill("Autumn term");
    await form.getByLabel("Description").fill(FEE);
    await form.getByLabel("Amount").fill("1,000.00");
    await form.getByLabel("Due date").fill(schoolDate(-1));
    await form.getByRole("button", { name: "Add fee" }).click();
    await expect(form.getByLabel("Amount")).toHaveAccessibleDescription(/without thousands separators/);

    await form.getByLabel("Amount").fill("125.50");
    await form.getByRole("button", { name: "Add fee" }).click();
    await expect(form.getByRole("status")).toHaveText(`Added ${FEE} (£125.50).`);
    const row = page.getByRole("row", { name: new RegExp(FEE) });
    await expect(row).toContainText("Overdue");
    await expectAccessible(page);
  });

  await test.step("manager records a partial payment", async () => {
    await page.getByRole("link", { name: `Record payment: ${FEE}, Tom Brown` }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${FEE}: Tom Brown`);
    const form = page.getByRole("form", { name: "Record payment" });
    await form.getByLabel("Amount").fill("200");
    await form.getByRole("button", { name: "Record payment" }).click();
    await expect(form.getByRole("alert")).toHaveText("No payment was recorded.");
    await expect(form.getByLabel("Amount")).toHaveAccessibleDescription(
      /Amount is more than the outstanding £125\.50: enter at most that\./,
    );

    await form.getByLabel("Amount").fill("25.50");
    await form.getByRole("button", { name: "Record payment" }).click();
    await expect(form.getByRole("status")).toHaveText("Recorded £25.50. Outstanding now: £100.00.");
    await expect(page.getByRole("row", { name: /£25\.50/ })).toBeVisible();
    await expectAccessible(page);
  });

  const tom = await tomPath(browser);

  await test.step("Linda sees Tom's result and chart", async () => {
    const linda = await openSession();
    await logInAs(linda, LINDA, DEMO_PASSWORD, "/portal");
    await linda.goto(`${tom}/grades`);
    await expect(linda.getByRole("heading", { level: 1 })).toHaveText("Tom Brown");
    await expect(linda.getByRole("heading", { level: 2, name: "Grades: Tom Brown" })).toBeVisible();
    await expect(linda.getByRole("heading", { name: EXAM })).toBeVisible();
    const row = linda.getByRole("row", { name: new RegExp(SUBJECT) });
    await expect(row.getByRole("cell")).toHaveText(["Ms Patel", "45", "50", "90%", "A", "Pass"]);
    const chart = linda.getByRole("img", { name: /Percent per subject, Tom Brown, Mathematics 7/ });
    await expect(chart).toBeVisible();
    await expect(chart).toHaveAccessibleName(new RegExp(`${SUBJECT}: [^;]*90%`));
    await expect(linda.getByRole("list", { name: "Legend" })).toContainText(SUBJECT);
    await linda.setViewportSize({ width: 375, height: 800 });
    const axisLabel = await chart.locator("text").last().boundingBox();
    // Text of at least about 10 px stays legible on a phone.
    expect(axisLabel?.height ?? 0).toBeGreaterThanOrEqual(10);
    expect(await linda.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(linda);

    await linda.goto(`${tom}/fees`);
    await expect(linda.getByRole("heading", { level: 1 })).toHaveText("Tom Brown");
    await expect(linda.getByRole("heading", { level: 2, name: "Fees: Tom Brown" })).toBeVisible();
    const fee = linda.getByRole("row", { name: new RegExp(FEE) });
    await expect(fee.getByRole("cell")).toHaveText(["Autumn term", /./, "Overdue", "£125.50", "£25.50", "£100.00"]);
    await expectAccessible(linda);
  });

  await test.step("German reader sees German numbers", async () => {
    const context = await browser.newContext({ locale: "de-DE" });
    const german = await context.newPage();
    await logInAs(german, LINDA, DEMO_PASSWORD, "/portal");
    await german.goto(`${tom}/fees`);
    const fee = german.getByRole("row", { name: new RegExp(FEE) });
    await expect(fee).toContainText("100,00\u00a0£");
    await expect(fee).toContainText("125,50\u00a0£");
    await german.goto(`${tom}/grades`);
    await expect(german.getByRole("row", { name: new RegExp(SUBJECT) })).toContainText("90\u00a0%");
    await context.close();
  });

  await test.step("John gets 404 for Tom's pages", async () => {
    const john = await openSession();
    await logInAs(john, JOHN, DEMO_PASSWORD, "/portal");
    await expectPageNotFound(john, `${tom}/grades`);
    await expectPageNotFound(john, `${tom}/fees`);
  });
});
