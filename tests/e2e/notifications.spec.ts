import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { DEMO_PASSWORD } from "./support/e2e-settings";
import { clearMailbox, listEmails } from "./support/mailbox";
import { logInAs } from "./support/pages";

// The seeded demo school: Tom Brown is enrolled in MATH-7 and his mother,
// Linda Brown, has a portal user. Other specs may already have raised
// notifications for her, so counts are read before they are compared.

const MANAGER = "manager@example.com";
const LINDA = "linda.brown@example.com";
const TITLE = `Maths trip on Friday ${Date.now()}`;
const BODY_LINES = ["Year 7 maths visits the science museum.", "Bring a packed lunch."];
const MOBILE = { width: 375, height: 800 };
const DESKTOP = { width: 1280, height: 800 };

/** Reads the unread count from the header link, whose name reads e.g. "Notifications (3 unread notifications)". */
async function unreadCount(page: Page): Promise<number> {
  const link = page.getByRole("banner").getByRole("link", { name: /^Notifications/ });
  const name = (await link.getAttribute("aria-label")) ?? (await link.textContent()) ?? "";
  const match = /(\d+) unread/.exec(name);
  return match ? Number(match[1]) : 0;
}

/** Runs axe and checks for horizontal page scroll at desktop width and at 375 px. */
async function expectAccessibleAtBothWidths(page: Page) {
  for (const size of [DESKTOP, MOBILE]) {
    await page.setViewportSize(size);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations, `axe violations at ${size.width} px`).toEqual([]);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `horizontal page scroll at ${size.width} px`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize(DESKTOP);
}

test("announcement reaches a course family", async ({ page, openSession }) => {
  await test.step("manager posts to MATH-7", async () => {
    await clearMailbox();
    await logInAs(page, MANAGER, DEMO_PASSWORD, "/admin/parents");
    await page.goto("/admin/announcements");
    await expectAccessibleAtBothWidths(page);

    await page.getByLabel("Audience").selectOption({ label: "A course" });
    await page.getByLabel("Course").selectOption({ label: "MATH-7 · Mathematics 7" });
    await page.getByLabel("Title").fill(TITLE);
    await page.getByLabel("Message").fill(BODY_LINES.join("\n"));
    await page.getByRole("button", { name: "Post announcement" }).click();

    await expect(page.getByRole("status")).toContainText("Announcement posted");
    await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
  });

  await test.step("announcement email reaches Linda only", async () => {
    const announcementsTo = async (recipient: string) =>
      (await listEmails()).filter(
        (email) => email.to.includes(recipient) && (email.html ?? "").includes(TITLE),
      );
    await expect
      .poll(async () => (await announcementsTo(LINDA)).length, {
        message: `announcement emails to ${LINDA}`,
        timeout: 30_000,
      })
      .toBe(1);
    const [email] = await announcementsTo(LINDA);
    expect(email.to).toEqual([LINDA]);
    expect(email.subject).toBe("Announcement from Example School");
    expect(email.text).toContain(BODY_LINES[1]);
  });

  const linda = await openSession();

  await test.step("Linda reads it and marks it read", async () => {
    await logInAs(linda, LINDA, DEMO_PASSWORD, "/portal");
    const before = await unreadCount(linda);
    expect(before, "unread notifications in the header").toBeGreaterThanOrEqual(1);
    await expect(
      linda.getByRole("link", { name: new RegExp(`^Notifications\\s*\\(${before} unread notifications?\\)$`) }),
    ).toBeVisible();

    await linda.getByRole("banner").getByRole("link", { name: /^Notifications/ }).click();
    await expect(linda).toHaveURL((url) => url.pathname === "/portal/notifications");
    const card = linda.getByRole("article", { name: TITLE });
    await expect(card).toContainText("Unread");
    await expect(card).toContainText("About Tom Brown");
    await expect(card).toContainText(BODY_LINES[0]);
    await expectAccessibleAtBothWidths(linda);

    await card.getByRole("button", { name: /^Mark as read/ }).click();
    await expect(card.getByRole("button", { name: /Mark as read/ })).toHaveCount(0);
    await expect(card).not.toContainText("Unread");
    await expect.poll(() => unreadCount(linda), { message: "unread count after Mark as read" }).toBe(before - 1);
  });

  await test.step("Linda picks a daily digest for absences", async () => {
    await linda.goto("/portal/settings/notifications");
    const absences = linda.getByRole("group", { name: "Absences" });
    await expect(absences.getByRole("radio", { name: /Immediately/ })).toBeChecked();
    await expectAccessibleAtBothWidths(linda);

    await absences.getByRole("radio", { name: /Daily digest/ }).check();
    await linda.getByRole("button", { name: "Save preferences" }).click();
    await expect(linda.getByRole("status")).toHaveText("Preferences saved.");

    await linda.reload();
    await expect(linda.getByRole("group", { name: "Absences" }).getByRole("radio", { name: /Daily digest/ })).toBeChecked();
    await expect(
      linda.getByRole("group", { name: "Announcements" }).getByRole("radio", { name: /Immediately/ }),
    ).toBeChecked();
  });
});
