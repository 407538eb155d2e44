import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { DEMO_PASSWORD } from "./support/e2e-settings";
import { logInAs, PortalPage } from "./support/pages";

// Checks on records this file creates for Tom Brown, whose mother Linda Brown
// has a portal user: announcements to his course MATH-7 and one future fee.

const MANAGER = "manager@example.com";
const LINDA = "linda.brown@example.com";
const RUN = Date.now();

/** Returns the school's date (Europe/London, the default SCHOOL_TIME_ZONE) `offsetDays` from today. */
function schoolDate(offsetDays: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
  const [year, month, day] = today.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day + offsetDays)).toISOString().slice(0, 10);
}

/** Formats YYYY-MM-DD as the portal does, such as "27 January 2027". */
function formatLongDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

async function postAnnouncement(page: Page, title: string) {
  await page.goto("/admin/announcements");
  await page.getByLabel("Audience").selectOption({ label: "A course" });
  await page.getByLabel("Course").selectOption({ label: "MATH-7 · Mathematics 7" });
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Message").fill("Bring a packed lunch.");
  await page.getByRole("button", { name: "Post announcement" }).click();
  await expect(page.getByRole("status")).toContainText("Announcement posted");
}

test("notification email and mark read", async ({ page, openSession }) => {
  const first = `Polish trip ${RUN}`;
  const second = `Polish concert ${RUN}`;

  await test.step("manager reads a notification email", async () => {
    await logInAs(page, MANAGER, DEMO_PASSWORD, "/admin/parents");
    await postAnnouncement(page, first);
    await postAnnouncement(page, second);
    await page.goto(`/admin/emails?recipient=${encodeURIComponent(LINDA)}&template=notification`);
    const row = page.getByRole("row").filter({ hasText: "notification" }).filter({ hasText: LINDA }).first();
    await row.getByRole("link", { name: LINDA }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Email to ${LINDA}`);
    await expect(page.getByText("Subject: Announcement from Example School")).toBeVisible();
    // The text version prints the title as an upper-case heading.
    await expect(page.locator("pre")).toContainText(second.toUpperCase());
    await expect(page.locator("pre")).toContainText("Bring a packed lunch.");
    await expect(page.getByText(/cannot display/)).toHaveCount(0);
  });

  const linda = await openSession();
  await logInAs(linda, LINDA, DEMO_PASSWORD, "/portal");
  await linda.goto("/portal/notifications");
  const heading = linda.getByRole("heading", { level: 1, name: "Notifications" });

  await test.step("Mark as read announces and keeps focus", async () => {
    const card = linda.getByRole("article", { name: first });
    await card.getByRole("button", { name: /^Mark as read/ }).click();
    await expect(card.getByRole("button", { name: /Mark as read/ })).toHaveCount(0);
    await expect(linda.getByRole("status")).toHaveText("Marked as read.");
    await expect(heading).toBeFocused();
  });

  await test.step("Mark all as read announces and keeps focus", async () => {
    await linda.getByRole("button", { name: "Mark all as read" }).click();
    await expect(linda.getByRole("button", { name: "Mark all as read" })).toHaveCount(0);
    await expect(linda.getByRole("status")).toHaveText("Marked all as read.");
    await expect(heading).toBeFocused();
  });
});

test("portal dates are en-GB", async ({ page, browser }) => {
  const fee = `Polish fee ${RUN}`;
  const dueDate = schoolDate(400);

  await test.step("manager adds a future fee", async () => {
    await logInAs(page, MANAGER, DEMO_PASSWORD, "/admin/parents");
    await page.goto("/admin/fees");
    const form = page.getByRole("form", { name: "Add a fee" });
    await form.getByLabel("Student").selectOption({ label: "Tom Brown" });
    await form.getByLabel("Term").fill("Next year");
    await form.getByLabel("Description").fill(fee);
    await form.getByLabel("Amount").fill("10.00");
    await form.getByLabel("Due date").fill(dueDate);
    await form.getByRole("button", { name: "Add fee" }).click();
    await expect(form.getByRole("status")).toHaveText(`Added ${fee} (£10.00).`);
  });

  const context = await browser.newContext({ locale: "de-DE" });
  const german = await context.newPage();
  await logInAs(german, LINDA, DEMO_PASSWORD, "/portal");

  await test.step("dashboard says when the next fee is due", async () => {
    const card = german.getByRole("main").getByRole("article", { name: "Tom Brown" });
    await expect(card).toContainText(/[\d.]+,\d\d\s£ due \(\d+ fees?\), next on \d{1,2} [A-Z][a-z]+ \d{4}/);
  });

  await test.step("fees page keeps en-GB dates", async () => {
    const tom = await new PortalPage(german).studentPath("Tom Brown");
    await german.goto(`${tom}/fees`);
    const row = german.getByRole("row", { name: new RegExp(fee) });
    await expect(row).toContainText(formatLongDate(dueDate));
    await expect(row).toContainText("10,00\u00a0£");
  });
  await context.close();
});
