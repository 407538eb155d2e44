import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { DEMO_PASSWORD } from "./support/e2e-settings";
import { LoginPage, logInAs, PortalPage } from "./support/pages";

// Linda Brown's children Tom and Lucy come from the demo seed, with a term of
// attendance, results and fees. Specs that run earlier may record more for
// them, so amounts are checked by form rather than by value.

const LINDA = "linda.brown@example.com";
// A generated parent with exactly one child, as tests/unit/seed.test.ts checks.
const ONE_CHILD_PARENT = "olivia.king1@example.com";
const MOBILE = { width: 375, height: 812 };
const STUDENT_PATH = /^\/portal\/students\/\d+$/;

class ChildCardView {
  readonly card: Locator;

  constructor(page: Page, name: string) {
    this.card = page.getByRole("main").getByRole("article", { name });
  }

  /** Returns the value (dd) shown under a term (dt) of the card. */
  detail(term: string): Locator {
    return this.card
      .locator("dt", { hasText: new RegExp(`^\\s*${term}\\s*$`) })
      .locator("xpath=following-sibling::dd[1]");
  }
}

class StudentFrame {
  constructor(readonly page: Page) {}

  get switcher(): Locator {
    return this.page.getByRole("navigation", { name: "Switch child" });
  }
  tabs(studentName: string): Locator {
    return this.page.getByRole("main").getByRole("navigation", { name: `Pages about ${studentName}` });
  }
}

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

test("Linda sees a card per child", async ({ page }) => {
  await logInAs(page, LINDA, DEMO_PASSWORD, "/portal");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your children");
  await expect(page.getByRole("main").getByRole("article")).toHaveCount(2);

  for (const name of ["Tom Brown", "Lucy Brown"]) {
    await test.step(name, async () => {
      const card = new ChildCardView(page, name);
      await expect(card.detail("Today")).toHaveText(/No session recorded today|Present|Absent|Late|Excused/);
      await expect(card.detail("Attendance so far")).toContainText(/\d+% attended/);
      await expect(card.detail("Latest result")).toContainText(/Grade [A-F] \(\d+\/\d+\) in .+, .+, \d{1,2} \w+ \d{4}/);
      await expect(card.detail("Fees")).toHaveText(/£[\d,]+\.\d\d (overdue|due)|Nothing to pay/);
      await expect(card.detail("Notifications")).toHaveText(/\d+ unread|None unread/);
      await expect(card.card.getByRole("link", { name: `Fees of ${name}` })).toBeVisible();
    });
  }
  await expect(page.getByRole("main").getByRole("article", { name: "John Smith" })).toHaveCount(0);
});

test.describe("reader's locale", () => {
  test.use({ locale: "de-DE" });

  test("money follows Accept-Language", async ({ page }) => {
    await logInAs(page, LINDA, DEMO_PASSWORD, "/portal");
    const fees = new ChildCardView(page, "Lucy Brown").detail("Fees");
    await expect(fees).toHaveText(/[\d.]+,\d\d\s£ (overdue|due)|Nothing to pay/);
  });
});

test("switcher keeps the open tab", async ({ page }) => {
  await logInAs(page, LINDA, DEMO_PASSWORD, "/portal");
  const portal = new PortalPage(page);
  const tomPath = await portal.studentPath("Tom Brown");
  const lucyPath = await portal.studentPath("Lucy Brown");
  const frame = new StudentFrame(page);

  const tab = { label: "Fees", suffix: "/fees" };
  const response = await page.goto(`${tomPath}/fees`);
  expect(response?.status()).toBe(200);
  await expect(frame.tabs("Tom Brown").getByRole("link", { name: tab.label })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(frame.switcher.getByRole("link", { name: "Tom Brown" })).toHaveAttribute("aria-current", "page");

  await frame.switcher.getByRole("link", { name: "Lucy Brown" }).click();
  await expect(page).toHaveURL((url) => url.pathname === `${lucyPath}${tab.suffix}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lucy Brown");
  await expect(frame.tabs("Lucy Brown").getByRole("link", { name: tab.label })).toHaveAttribute(
    "aria-current",
    "page",
  );
});

test("tabs link to each page", async ({ page }) => {
  await logInAs(page, LINDA, DEMO_PASSWORD, "/portal");
  const tomPath = await new PortalPage(page).studentPath("Tom Brown");
  await page.goto(tomPath);
  const tabs = new StudentFrame(page).tabs("Tom Brown");
  const expected = [
    ["Profile", tomPath],
    ["Attendance", `${tomPath}/attendance`],
    ["Grades", `${tomPath}/grades`],
    ["Fees", `${tomPath}/fees`],
  ];
  for (const [label, href] of expected) {
    await expect(tabs.getByRole("link", { name: label })).toHaveAttribute("href", href);
  }
  await expect(tabs.getByRole("link", { name: "Profile" })).toHaveAttribute("aria-current", "page");
  await expect(tabs.getByRole("link", { name: "Fees" })).not.toHaveAttribute("aria-current");
});

test("switcher works by keyboard", async ({ page }) => {
  await logInAs(page, LINDA, DEMO_PASSWORD, "/portal");
  const portal = new PortalPage(page);
  const tomPath = await portal.studentPath("Tom Brown");
  const lucyPath = await portal.studentPath("Lucy Brown");
  await page.goto(tomPath);
  const lucyLink = new StudentFrame(page).switcher.getByRole("link", { name: "Lucy Brown" });

  // Tab from the top of the page until the switcher's link has focus.
  let focused = false;
  for (let presses = 0; presses < 25 && !focused; presses += 1) {
    await page.keyboard.press("Tab");
    focused = await lucyLink.evaluate((link) => link === document.activeElement);
  }
  expect(focused, "Lucy Brown's switcher link reached with Tab").toBe(true);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL((url) => url.pathname === lucyPath);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lucy Brown");
});

test("one child opens that child's page", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(ONE_CHILD_PARENT, DEMO_PASSWORD);
  await expect(page).toHaveURL((url) => STUDENT_PATH.test(url.pathname));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(new StudentFrame(page).switcher).toHaveCount(0);
  await expect(page.getByRole("link", { name: "All children" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Courses" })).toBeVisible();
});

test("dashboard and profile pass axe", async ({ page }) => {
  await logInAs(page, LINDA, DEMO_PASSWORD, "/portal");
  const tomPath = await new PortalPage(page).studentPath("Tom Brown");
  for (const viewport of [{ width: 1280, height: 800 }, MOBILE]) {
    await page.setViewportSize(viewport);
    for (const path of ["/portal", tomPath]) {
      await test.step(`${path} at ${viewport.width} px`, async () => {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expectNoAxeViolations(page, `axe on ${path} at ${viewport.width} px`);
        await expectNoHorizontalScroll(page);
      });
    }
  }
});
