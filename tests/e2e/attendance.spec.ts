import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { DEMO_PASSWORD } from "./support/e2e-settings";
import { expectPageNotFound, logInAs, PortalPage } from "./support/pages";

// The manager takes attendance for Mathematics 7, in which the demo school
// enrols Tom Brown and John Smith, on the school's today. Linda Brown, Tom's mother,
// then reads it from browsers in two time zones far from the school's.

const MANAGER = "manager@example.com";
const LINDA = "linda.brown@example.com";
const JOHN = "john.smith@example.com";
const REMARK = "Dentist appointment";
const NARROW_VIEWPORT = { width: 375, height: 800 };
const DESKTOP_VIEWPORT = { width: 1280, height: 800 };

/** Formats YYYY-MM-DD as the app does, such as "27 January 2027", whatever the test's zone. */
function formatLongDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

/** Checks axe at desktop width and at 375 px, and that the narrow page does not scroll sideways. */
async function expectAccessibleAtBothWidths(page: Page, pageName: string) {
  for (const viewport of [DESKTOP_VIEWPORT, NARROW_VIEWPORT]) {
    await page.setViewportSize(viewport);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations, `axe violations on ${pageName} at ${viewport.width} px`).toEqual([]);
  }
  // Lists the elements that stick out past the right edge, so a failure names the culprit.
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
    return { extraWidth: document.documentElement.scrollWidth - width, culprits };
  });
  expect(
    overflow.extraWidth,
    `horizontal page scroll on ${pageName} at 375 px; elements past the edge: ${overflow.culprits.join(", ")}`,
  ).toBeLessThanOrEqual(0);
  await page.setViewportSize(DESKTOP_VIEWPORT);
}

/** Opens a signed-in page in a new browser context with the given time zone. */
async function openSessionIn(browser: Browser, timezoneId: string, login: string) {
  const context = await browser.newContext({ timezoneId, viewport: DESKTOP_VIEWPORT });
  const page = await context.newPage();
  await logInAs(page, login, DEMO_PASSWORD, "/portal");
  return { context, page };
}

test("attendance absence reaches parent", async ({ page, browser }) => {
  let today = "";
  let tomAttendancePath = "";

  await test.step("manager marks Tom absent today", async () => {
    await logInAs(page, MANAGER, DEMO_PASSWORD, "/admin/parents");
    await page.getByRole("link", { name: "Attendance", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Attendance", level: 1 })).toBeVisible();
    today = await page.getByLabel("Date", { exact: true }).inputValue();
    expect(today, "Date defaults to a YYYY-MM-DD day").toMatch(/^\d{4}-\d{2}-\d{2}$/);

    await page.getByLabel("Course", { exact: true }).selectOption({ label: "Mathematics 7 (MATH-7)" });
    await page.getByRole("button", { name: "Show class" }).click();
    const tom = page.getByRole("group", { name: "Tom Brown" });
    await expect(tom.getByLabel("Present")).toBeChecked();
    await expect(page.getByRole("group", { name: "John Smith" }).getByLabel("Present")).toBeChecked();

    await tom.getByLabel("Absent").check();
    await tom.getByLabel("Remark").fill(REMARK);
    await expectAccessibleAtBothWidths(page, "/admin/attendance");

    await page.getByRole("button", { name: "Save attendance" }).click();
    // The class size depends on the demo seed, so only the rest is exact.
    await expect(page.getByRole("status")).toHaveText(
      new RegExp(
        `^Saved attendance of \\d+ students for Mathematics 7 on ${formatLongDate(today)}: 1 absent\\. ` +
          "Notified the families of 1 newly absent student\\.$",
      ),
    );
  });

  await test.step("manager sees the saved register", async () => {
    await page.reload();
    const tom = page.getByRole("group", { name: /^Tom Brown/ });
    await expect(tom.getByLabel("Absent")).toBeChecked();
    await expect(tom.getByLabel("Remark")).toHaveValue(REMARK);
  });

  for (const timezoneId of ["America/Los_Angeles", "Pacific/Auckland"]) {
    await test.step(`Linda sees the absence in ${timezoneId}`, async () => {
      const { context, page: parentPage } = await openSessionIn(browser, timezoneId, LINDA);
      try {
        const studentPath = await new PortalPage(parentPage).studentPath("Tom Brown");
        tomAttendancePath = `${studentPath}/attendance`;
        await parentPage.goto(tomAttendancePath);
        await expect(
          parentPage.getByRole("heading", { name: "Attendance of Tom Brown", level: 2 }),
        ).toBeVisible();

        const dateLabel = formatLongDate(today);
        const listRow = parentPage
          .getByRole("table", { name: /^Attendance records in/ })
          .getByRole("row", { name: new RegExp(`^${dateLabel}`) });
        await expect(listRow).toHaveCount(1);
        await expect(listRow).toContainText("Mathematics 7");
        await expect(listRow).toContainText("Absent");
        await expect(listRow).toContainText(REMARK);

        const calendar = parentPage.getByRole("table", { name: /^Attendance calendar for/ });
        // The cell's accessible name starts with the full date; the visible day number is hidden from it.
        const dayCell = calendar.getByRole("cell", { name: new RegExp(`^${dateLabel}\\b`) });
        await expect(dayCell).toHaveCount(1);
        await expect(dayCell).toContainText("Absent");
        await expect(dayCell).toContainText(REMARK);
        await expect(calendar.getByText("Absent", { exact: true })).toHaveCount(1);

        if (timezoneId === "America/Los_Angeles") {
          await expectAccessibleAtBothWidths(parentPage, "the attendance page");
        }
      } finally {
        await context.close();
      }
    });
  }

  await test.step("another family gets 404", async () => {
    const { context, page: johnPage } = await openSessionIn(browser, "Europe/London", JOHN);
    try {
      await expectPageNotFound(johnPage, tomAttendancePath);
    } finally {
      await context.close();
    }
  });
});
