import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { postAnnouncement } from "@/lib/notifications/announcements";
import { safeSitePath } from "@/lib/notifications/kinds";
import { getEmailPreferences, saveEmailPreferences } from "@/lib/notifications/preferences";
import {
  countUnreadNotifications,
  getNotificationsPage,
  markAllNotificationsRead,
  markNotificationRead,
} from "@/lib/notifications/queries";
import {
  createNotificationsSchool,
  readNotifications,
  type NotificationsSchool,
} from "../support/notifications-fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let testDb: TestDatabase;
let school: NotificationsSchool;

beforeEach(async () => {
  testDb = await createTestDatabase();
  school = await createNotificationsSchool(testDb.db);
});

afterEach(async () => {
  await testDb.cleanup();
});

const message = { title: "Trip on Friday", body: "Bring a packed lunch.\nBack by 4 pm." };

async function recipientsOf(db = testDb.db) {
  const rows = await readNotifications(db);
  return rows.map((row) => ({ userId: row.userId, studentId: row.studentId }));
}

describe("postAnnouncement", () => {
  test("school reaches every active portal user", async () => {
    const result = await postAnnouncement(testDb.db, { scope: "school", ...message }, school.managerId);
    const expected = [
      school.ann.userId,
      school.ben.userId,
      school.cara.userId,
      school.dan.userId,
      school.brownParentUserId,
      school.greenParentUserId,
    ].sort((a, b) => a - b);
    expect(result).toMatchObject({ status: "posted", notified: expected.length });
    expect((await recipientsOf()).map((row) => row.userId)).toEqual(expected);
  });

  test("school notifications have no student", async () => {
    await postAnnouncement(testDb.db, { scope: "school", ...message }, school.managerId);
    const studentIds = new Set((await recipientsOf()).map((row) => row.studentId));
    expect([...studentIds]).toEqual([null]);
  });

  test("school skips managers and inactive users", async () => {
    await postAnnouncement(testDb.db, { scope: "school", ...message }, school.managerId);
    const userIds = (await recipientsOf()).map((row) => row.userId);
    expect(userIds).not.toContain(school.managerId);
    expect(userIds).not.toContain(school.inactiveParentUserId);
  });

  test("course dedupes a two-child parent", async () => {
    await postAnnouncement(
      testDb.db,
      { scope: "course", courseId: school.mathId, ...message },
      school.managerId,
    );
    const rows = await recipientsOf();
    const parentRows = rows.filter((row) => row.userId === school.brownParentUserId);
    expect(parentRows).toEqual([{ userId: school.brownParentUserId, studentId: null }]);
  });

  test("course reaches each enrolled student", async () => {
    await postAnnouncement(
      testDb.db,
      { scope: "course", courseId: school.mathId, ...message },
      school.managerId,
    );
    const rows = await recipientsOf();
    expect(rows).toContainEqual({ userId: school.ann.userId, studentId: school.ann.studentId });
    expect(rows).toContainEqual({ userId: school.ben.userId, studentId: school.ben.studentId });
    expect(rows).toContainEqual({ userId: school.dan.userId, studentId: school.dan.studentId });
  });

  test("course skips other families and inactive users", async () => {
    await postAnnouncement(
      testDb.db,
      { scope: "course", courseId: school.mathId, ...message },
      school.managerId,
    );
    const userIds = (await recipientsOf()).map((row) => row.userId);
    expect(userIds).toHaveLength(4);
    expect(userIds).not.toContain(school.greenParentUserId);
    expect(userIds).not.toContain(school.cara.userId);
    expect(userIds).not.toContain(school.inactiveParentUserId);
  });

  test("one-child parent gets the child", async () => {
    await postAnnouncement(
      testDb.db,
      { scope: "course", courseId: school.scienceId, ...message },
      school.managerId,
    );
    expect(await recipientsOf()).toContainEqual({
      userId: school.greenParentUserId,
      studentId: school.cara.studentId,
    });
  });

  test("student reaches only that family", async () => {
    const result = await postAnnouncement(
      testDb.db,
      { scope: "student", studentId: school.ann.studentId, ...message },
      school.managerId,
    );
    expect(result).toMatchObject({ status: "posted", notified: 2 });
    expect(await recipientsOf()).toEqual(
      [
        { userId: school.ann.userId, studentId: school.ann.studentId },
        { userId: school.brownParentUserId, studentId: school.ann.studentId },
      ].sort((a, b) => a.userId - b.userId),
    );
  });

  test("unknown course is rejected", async () => {
    const result = await postAnnouncement(
      testDb.db,
      { scope: "course", courseId: 9999, ...message },
      school.managerId,
    );
    expect(result).toEqual({ status: "course_not_found" });
    expect(await recipientsOf()).toEqual([]);
  });

  test("unknown student is rejected", async () => {
    const result = await postAnnouncement(
      testDb.db,
      { scope: "student", studentId: 9999, ...message },
      school.managerId,
    );
    expect(result).toEqual({ status: "student_not_found" });
  });

  test("title and body stored as typed", async () => {
    const body = '<b>bold</b>\nsecond line';
    await postAnnouncement(
      testDb.db,
      { scope: "student", studentId: school.ann.studentId, title: message.title, body },
      school.managerId,
    );
    const page = await getNotificationsPage(testDb.db, school.ann.userId);
    expect(page.items[0].title).toBe(message.title);
    expect(page.items[0].body).toBe(body);
  });
});

describe("notification reading", () => {
  async function postToAnn() {
    await postAnnouncement(
      testDb.db,
      { scope: "student", studentId: school.ann.studentId, ...message },
      school.managerId,
    );
    const rows = await readNotifications(testDb.db);
    return {
      parentRow: rows.find((row) => row.userId === school.brownParentUserId)!,
      annRow: rows.find((row) => row.userId === school.ann.userId)!,
    };
  }

  test("unread count counts own rows", async () => {
    await postToAnn();
    await postAnnouncement(testDb.db, { scope: "school", ...message }, school.managerId);
    expect(await countUnreadNotifications(testDb.db, school.brownParentUserId)).toBe(2);
    expect(await countUnreadNotifications(testDb.db, school.greenParentUserId)).toBe(1);
  });

  test("mark read lowers unread count", async () => {
    const { parentRow } = await postToAnn();
    expect(await markNotificationRead(testDb.db, school.brownParentUserId, parentRow.id)).toBe(true);
    expect(await countUnreadNotifications(testDb.db, school.brownParentUserId)).toBe(0);
  });

  test("mark read of another user's row fails", async () => {
    const { annRow } = await postToAnn();
    const changed = await markNotificationRead(testDb.db, school.greenParentUserId, annRow.id);
    expect(changed).toBe(false);
    const after = (await readNotifications(testDb.db)).find((row) => row.id === annRow.id);
    expect(after?.readAt).toBeNull();
  });

  test("mark read twice keeps first time", async () => {
    const { parentRow } = await postToAnn();
    const first = new Date("2026-01-27T10:00:00Z");
    await markNotificationRead(testDb.db, school.brownParentUserId, parentRow.id, first);
    const again = await markNotificationRead(
      testDb.db,
      school.brownParentUserId,
      parentRow.id,
      new Date("2026-01-28T10:00:00Z"),
    );
    expect(again).toBe(true);
    const after = (await readNotifications(testDb.db)).find((row) => row.id === parentRow.id);
    expect(after?.readAt).toBe(first.getTime());
  });

  test("mark all read touches own rows only", async () => {
    const { annRow } = await postToAnn();
    expect(await markAllNotificationsRead(testDb.db, school.brownParentUserId)).toBe(1);
    expect(await countUnreadNotifications(testDb.db, school.brownParentUserId)).toBe(0);
    const ann = (await readNotifications(testDb.db)).find((row) => row.id === annRow.id);
    expect(ann?.readAt).toBeNull();
  });

  test("page lists newest first with child", async () => {
    await postToAnn();
    await postAnnouncement(
      testDb.db,
      { scope: "school", title: "Closed Monday", body: "Staff training." },
      school.managerId,
    );
    const { items } = await getNotificationsPage(testDb.db, school.brownParentUserId);
    expect(items.map((item) => item.title)).toEqual(["Closed Monday", message.title]);
    expect(items.map((item) => item.studentName)).toEqual([null, "Ann Brown"]);
  });

  test("page continues with older rows", async () => {
    for (let index = 0; index < 3; index++) {
      await postAnnouncement(
        testDb.db,
        { scope: "school", title: `News ${index}`, body: "Text." },
        school.managerId,
      );
    }
    const first = await getNotificationsPage(testDb.db, school.greenParentUserId, { limit: 2 });
    expect(first.items.map((item) => item.title)).toEqual(["News 2", "News 1"]);
    expect(first.hasOlder).toBe(true);
    const second = await getNotificationsPage(testDb.db, school.greenParentUserId, {
      limit: 2,
      beforeId: first.items[1].id,
    });
    expect(second.items.map((item) => item.title)).toEqual(["News 0"]);
    expect(second.hasOlder).toBe(false);
  });
});

describe("email preferences", () => {
  test("default is immediate", async () => {
    expect(await getEmailPreferences(testDb.db, school.brownParentUserId)).toEqual({
      announcement: "immediate",
      absence: "immediate",
      result: "immediate",
      fee_overdue: "immediate",
    });
  });

  test("saved modes read back", async () => {
    const saved = {
      announcement: "off",
      absence: "daily",
      result: "immediate",
      fee_overdue: "daily",
    } as const;
    await saveEmailPreferences(testDb.db, school.brownParentUserId, saved);
    expect(await getEmailPreferences(testDb.db, school.brownParentUserId)).toEqual(saved);
  });

  test("saving again replaces modes", async () => {
    const all = (mode: "off" | "daily") =>
      ({ announcement: mode, absence: mode, result: mode, fee_overdue: mode }) as const;
    await saveEmailPreferences(testDb.db, school.brownParentUserId, all("off"));
    await saveEmailPreferences(testDb.db, school.brownParentUserId, all("daily"));
    expect(await getEmailPreferences(testDb.db, school.brownParentUserId)).toEqual(all("daily"));
  });

  test("other users keep defaults", async () => {
    await saveEmailPreferences(testDb.db, school.brownParentUserId, {
      announcement: "off",
      absence: "off",
      result: "off",
      fee_overdue: "off",
    });
    const green = await getEmailPreferences(testDb.db, school.greenParentUserId);
    expect(green.announcement).toBe("immediate");
  });
});

describe("safeSitePath", () => {
  test.each(["/portal/notifications", "/portal/students/3/attendance?week=2"])(
    "keeps %s",
    (path) => {
      expect(safeSitePath(path)).toBe(path);
    },
  );

  test.each(["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", ""])(
    "rejects %s",
    (link) => {
      expect(safeSitePath(link)).toBeNull();
    },
  );
});
