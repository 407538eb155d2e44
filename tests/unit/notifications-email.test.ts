import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { writeTransaction } from "@/db/client";
import type { DigestEmailProps } from "@/emails/digest-email";
import type { NotificationEmailProps } from "@/emails/notification-email";
import { renderEmail } from "@/lib/email/templates";
import { postAnnouncement } from "@/lib/notifications/announcements";
import { DIGEST_HOUR, queueDailyDigests, queueNotificationEmails } from "@/lib/notifications/email";
import { saveEmailPreferences, type EmailPreferences } from "@/lib/notifications/preferences";
import { raiseStudentNotifications } from "@/lib/notifications/raise";
import {
  createNotificationsSchool,
  readNotifications,
  readOutbox,
  type NotificationsSchool,
} from "../support/notifications-fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

// The school's time zone is the default, Europe/London, which is UTC in January.
const BEFORE_DIGEST = new Date("2026-01-27T16:59:00Z");
const AT_DIGEST = new Date("2026-01-27T17:00:00Z");
const LATER_SAME_DAY = new Date("2026-01-27T21:00:00Z");
const NEXT_DAY = new Date("2026-01-28T17:05:00Z");

let testDb: TestDatabase;
let school: NotificationsSchool;

beforeEach(async () => {
  testDb = await createTestDatabase();
  school = await createNotificationsSchool(testDb.db);
});

afterEach(async () => {
  await testDb.cleanup();
});

function allModes(mode: EmailPreferences["absence"]): EmailPreferences {
  return { announcement: mode, absence: mode, result: mode, fee_overdue: mode };
}

function announceToAnn(title = "Trip on Friday") {
  return postAnnouncement(
    testDb.db,
    { scope: "student", studentId: school.ann.studentId, title, body: "Bring a packed lunch." },
    school.managerId,
  );
}

function raiseAbsences(now = new Date("2026-01-27T09:00:00Z")) {
  return writeTransaction(testDb.db, (tx) =>
    raiseStudentNotifications(
      tx,
      [
        {
          studentId: school.ann.studentId,
          kind: "absence",
          title: "Ann was absent",
          body: "Absent from Mathematics 7.",
          link: `/portal/students/${school.ann.studentId}`,
        },
        {
          studentId: school.ben.studentId,
          kind: "absence",
          title: "Ben was absent",
          body: "Absent from Mathematics 7.",
          link: "https://evil.example/phish",
        },
      ],
      now,
    ),
  );
}

describe("queueNotificationEmails", () => {
  test("immediate queues one email per notification", async () => {
    await announceToAnn();
    await queueNotificationEmails(testDb.db);
    const recipients = (await readOutbox(testDb.db, "notification")).map((email) => email.recipient);
    expect(recipients.sort()).toEqual(["ann.brown@example.com", "bea.brown@example.com"]);
  });

  test("second call queues nothing", async () => {
    await announceToAnn();
    await queueNotificationEmails(testDb.db);
    const second = await queueNotificationEmails(testDb.db);
    expect(second.outboxIds).toEqual([]);
    expect(await readOutbox(testDb.db, "notification")).toHaveLength(2);
  });

  test("queued notifications are marked emailed", async () => {
    await announceToAnn();
    const now = new Date("2026-01-27T09:30:00Z");
    await queueNotificationEmails(testDb.db, now);
    const emailedAt = (await readNotifications(testDb.db)).map((row) => row.emailedAt);
    expect(emailedAt).toEqual([now.getTime(), now.getTime()]);
  });

  test("payload names the child and title", async () => {
    await announceToAnn("Maths trip");
    await queueNotificationEmails(testDb.db);
    const email = (await readOutbox(testDb.db, "notification")).find(
      (row) => row.recipient === "bea.brown@example.com",
    );
    expect(email?.payload).toMatchObject({ title: "Maths trip", studentName: "Ann Brown", kind: "announcement" });
  });

  test("off marks emailed without email", async () => {
    await saveEmailPreferences(testDb.db, school.brownParentUserId, allModes("off"));
    await announceToAnn();
    await queueNotificationEmails(testDb.db);
    const recipients = (await readOutbox(testDb.db, "notification")).map((email) => email.recipient);
    expect(recipients).toEqual(["ann.brown@example.com"]);
    const parentRow = (await readNotifications(testDb.db)).find(
      (row) => row.userId === school.brownParentUserId,
    );
    expect(parentRow?.emailedAt).not.toBeNull();
  });

  test("daily is left for the digest", async () => {
    await saveEmailPreferences(testDb.db, school.brownParentUserId, allModes("daily"));
    await announceToAnn();
    await queueNotificationEmails(testDb.db);
    const parentRow = (await readNotifications(testDb.db)).find(
      (row) => row.userId === school.brownParentUserId,
    );
    expect(parentRow?.emailedAt).toBeNull();
    const recipients = (await readOutbox(testDb.db, "notification")).map((email) => email.recipient);
    expect(recipients).not.toContain("bea.brown@example.com");
  });

  test("mode applies per kind", async () => {
    await saveEmailPreferences(testDb.db, school.brownParentUserId, {
      ...allModes("immediate"),
      absence: "off",
    });
    await announceToAnn();
    await raiseAbsences();
    await queueNotificationEmails(testDb.db);
    const toParent = (await readOutbox(testDb.db, "notification")).filter(
      (email) => email.recipient === "bea.brown@example.com",
    );
    expect(toParent.map((email) => email.payload.kind)).toEqual(["announcement"]);
  });

  test("links outside the site are dropped", async () => {
    await raiseAbsences();
    await queueNotificationEmails(testDb.db);
    const links = (await readOutbox(testDb.db, "notification"))
      .filter((email) => email.recipient === "bea.brown@example.com")
      .map((email) => email.payload.link);
    expect(links).toEqual([`http://127.0.0.1:3999/portal/students/${school.ann.studentId}`, null]);
  });
});

describe("queueDailyDigests", () => {
  beforeEach(async () => {
    await saveEmailPreferences(testDb.db, school.brownParentUserId, allModes("daily"));
  });

  async function raiseParentItems() {
    await postAnnouncement(
      testDb.db,
      { scope: "school", title: "Closed Monday", body: "Staff training." },
      school.managerId,
      new Date("2026-01-27T08:00:00Z"),
    );
    await raiseAbsences();
    await queueNotificationEmails(testDb.db);
  }

  test("digest hour is 17", () => {
    expect(DIGEST_HOUR).toBe(17);
  });

  test("nothing before the digest hour", async () => {
    await raiseParentItems();
    const result = await queueDailyDigests(testDb.db, BEFORE_DIGEST);
    expect(result.outboxIds).toEqual([]);
    expect(await readOutbox(testDb.db, "digest")).toEqual([]);
  });

  test("one digest covers both children", async () => {
    await raiseParentItems();
    await queueDailyDigests(testDb.db, AT_DIGEST);
    const digests = await readOutbox(testDb.db, "digest");
    expect(digests.map((email) => email.recipient)).toEqual(["bea.brown@example.com"]);
    const payload = digests[0].payload as unknown as DigestEmailProps;
    expect(payload.groups.map((group) => group.studentName)).toEqual([null, "Ann Brown", "Ben Brown"]);
    expect(payload.groups.map((group) => group.items.map((item) => item.title))).toEqual([
      ["Closed Monday"],
      ["Ann was absent"],
      ["Ben was absent"],
    ]);
  });

  test("digest marks its items emailed", async () => {
    await raiseParentItems();
    await queueDailyDigests(testDb.db, AT_DIGEST);
    const pending = (await readNotifications(testDb.db)).filter((row) => row.emailedAt === null);
    expect(pending).toEqual([]);
  });

  test("second call the same day sends nothing", async () => {
    await raiseParentItems();
    await queueDailyDigests(testDb.db, AT_DIGEST);
    await announceToAnn("After the digest");
    await queueNotificationEmails(testDb.db, LATER_SAME_DAY);
    const second = await queueDailyDigests(testDb.db, LATER_SAME_DAY);
    expect(second.outboxIds).toEqual([]);
    expect(await readOutbox(testDb.db, "digest")).toHaveLength(1);
  });

  test("late items go in next day's digest", async () => {
    await raiseParentItems();
    await queueDailyDigests(testDb.db, AT_DIGEST);
    await announceToAnn("After the digest");
    await queueDailyDigests(testDb.db, LATER_SAME_DAY);
    await queueDailyDigests(testDb.db, NEXT_DAY);
    const digests = await readOutbox(testDb.db, "digest");
    expect(digests.map((email) => email.payload.digestDate)).toEqual(["2026-01-27", "2026-01-28"]);
    const groups = (digests[1].payload as unknown as DigestEmailProps).groups;
    expect(groups.flatMap((group) => group.items.map((item) => item.title))).toEqual(["After the digest"]);
  });

  test("concurrent calls send one digest", async () => {
    await raiseParentItems();
    await Promise.all([queueDailyDigests(testDb.db, AT_DIGEST), queueDailyDigests(testDb.db, AT_DIGEST)]);
    expect(await readOutbox(testDb.db, "digest")).toHaveLength(1);
  });

  test("users without daily items get none", async () => {
    await raiseParentItems();
    await queueDailyDigests(testDb.db, AT_DIGEST);
    const recipients = (await readOutbox(testDb.db, "digest")).map((email) => email.recipient);
    expect(recipients).not.toContain("gil.green@example.com");
    expect(recipients).not.toContain("ann.brown@example.com");
  });
});

describe("renderEmail notification", () => {
  const notification: NotificationEmailProps = {
    schoolName: "Hillside Academy",
    recipientName: "Bea Brown",
    kind: "announcement",
    title: "Trip\r\nBcc: evil@example.com",
    body: "First line\nSecond line <script>alert(1)</script>",
    studentName: "Ann Brown",
    createdAt: "27 Jan 2026, 09:15",
    link: null,
    notificationsUrl: "http://127.0.0.1:3999/portal/notifications",
    settingsUrl: "http://127.0.0.1:3999/portal/settings/notifications",
  };

  test("subject is fixed text", async () => {
    const { subject } = await renderEmail("notification", notification);
    expect(subject).toBe("Announcement from Hillside Academy");
  });

  test("html escapes the body", async () => {
    const { html } = await renderEmail("notification", notification);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
  });

  test("html keeps line breaks", async () => {
    const { html } = await renderEmail("notification", notification);
    expect(html).toMatch(/First line<br\s*\/?>Second line/);
  });

  test("text names the child", async () => {
    const { text } = await renderEmail("notification", notification);
    expect(text).toContain("Ann Brown");
  });

  test("digest subject names the day", async () => {
    const digest: DigestEmailProps = {
      schoolName: "Hillside Academy",
      recipientName: "Bea Brown",
      digestDate: "2026-01-27",
      digestDateLabel: "27 January 2026",
      groups: [
        { studentName: "Ann Brown", items: [{ kind: "absence", title: "Ann was absent", body: "x", createdAt: "", link: null }] },
        { studentName: "Ben Brown", items: [{ kind: "result", title: "Ben's result", body: "y", createdAt: "", link: null }] },
      ],
      notificationsUrl: notification.notificationsUrl,
      settingsUrl: notification.settingsUrl,
    };
    const rendered = await renderEmail("digest", digest);
    expect(rendered.subject).toBe("Your daily summary from Hillside Academy for 27 January 2026");
    expect(rendered.text).toContain("Ann was absent");
    expect(rendered.text).toContain("Ben's result");
  });
});
