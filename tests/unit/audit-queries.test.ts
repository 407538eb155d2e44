import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Database } from "@/db/client";
import { auditHref, parseAuditParams } from "@/app/admin/audit/_lib/audit-params";
import { describeFieldChanges } from "@/lib/audit/labels";
import {
  AUDIT_PAGE_SIZE,
  getAuditEvents,
  getAuditSubjectNames,
  getRecentAuditEvents,
} from "@/lib/audit/queries";
import { startOfSchoolDay } from "@/lib/audit/school-day";
import { insertAuditEvents } from "../support/audit-fixtures";
import {
  createTestDatabase,
  createUserForParent,
  insertParent,
  insertStudentWithUser,
  type TestDatabase,
} from "../support/test-db";

let testDb: TestDatabase;
let db: Database;

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
});

afterEach(async () => {
  await testDb.cleanup();
});

function manyEvents(count: number) {
  return insertAuditEvents(
    db,
    Array.from({ length: count }, () => ({ action: "link.added" as const })),
  );
}

describe("paging", () => {
  test("first page is the newest 50", async () => {
    const ids = await manyEvents(120);
    const page = await getAuditEvents({}, {}, db);
    expect(page.events.map((event) => event.id)).toEqual(ids.slice(-AUDIT_PAGE_SIZE).reverse());
  });

  test("first page has no newer cursor", async () => {
    await manyEvents(120);
    const page = await getAuditEvents({}, {}, db);
    expect(page.newerThan).toBeNull();
  });

  test("older cursor continues below", async () => {
    const ids = await manyEvents(120);
    const first = await getAuditEvents({}, {}, db);
    const second = await getAuditEvents({}, { before: first.olderThan! }, db);
    expect(second.events.map((event) => event.id)).toEqual(ids.slice(20, 70).reverse());
  });

  test("last page has no older cursor", async () => {
    const ids = await manyEvents(120);
    const last = await getAuditEvents({}, { before: ids[20] }, db);
    expect(last.events.length).toEqual(20);
    expect(last.olderThan).toBeNull();
  });

  test("newer cursor returns the page above", async () => {
    const ids = await manyEvents(120);
    const first = await getAuditEvents({}, {}, db);
    const second = await getAuditEvents({}, { before: first.olderThan! }, db);
    const back = await getAuditEvents({}, { after: second.newerThan! }, db);
    expect(back.events.map((event) => event.id)).toEqual(ids.slice(-AUDIT_PAGE_SIZE).reverse());
  });

  test("paging keeps the filter", async () => {
    const rows = Array.from({ length: 120 }, (_, index) => ({
      action: index % 2 === 0 ? ("link.added" as const) : ("link.removed" as const),
    }));
    const ids = await insertAuditEvents(db, rows);
    const first = await getAuditEvents({ action: "link.removed" }, {}, db);
    const second = await getAuditEvents({ action: "link.removed" }, { before: first.olderThan! }, db);
    const removedIds = ids.filter((_, index) => index % 2 === 1);
    expect(second.events.map((event) => event.id)).toEqual(removedIds.slice(0, 10).reverse());
  });

  test("recent events are the newest five", async () => {
    const ids = await insertAuditEvents(
      db,
      Array.from({ length: 8 }, () => ({ action: "link.added" as const, parentId: 7 })),
    );
    const recent = await getRecentAuditEvents({ parentId: 7 }, db);
    expect(recent.map((event) => event.id)).toEqual(ids.slice(-5).reverse());
  });
});

describe("filters", () => {
  async function idsOf(filters: Parameters<typeof getAuditEvents>[0]) {
    return (await getAuditEvents(filters, {}, db)).events.map((event) => event.id).sort((a, b) => a - b);
  }

  test("parent includes its portal user's events", async () => {
    const parentId = await insertParent(db, { name: "Linda Brown", email: "linda.brown@example.com" });
    const userId = await createUserForParent(db, parentId);
    const [byParent, byUser] = await insertAuditEvents(db, [
      { action: "link.added", parentId },
      { action: "password.set", userId },
      { action: "link.added", parentId: parentId + 1 },
    ]);
    const ids = await idsOf({ parentId });
    expect(ids).toEqual(expect.arrayContaining([byParent, byUser]));
    expect(ids).not.toContain(byUser + 1);
  });

  test("student includes its portal user's events", async () => {
    const tom = await insertStudentWithUser(db, { name: "Tom Brown", email: "tom.brown@example.com" });
    const [byStudent, byUser, other] = await insertAuditEvents(db, [
      { action: "link.added", studentId: tom.studentId },
      { action: "password.set", userId: tom.userId },
      { action: "password.set", userId: tom.userId + 100 },
    ]);
    const ids = await idsOf({ studentId: tom.studentId });
    expect(ids).toEqual(expect.arrayContaining([byStudent, byUser]));
    expect(ids).not.toContain(other);
  });

  test("user matches only its id", async () => {
    const [mine] = await insertAuditEvents(db, [
      { action: "user.deactivated", userId: 5 },
      { action: "user.deactivated", userId: 6 },
    ]);
    expect(await idsOf({ userId: 5 })).toEqual([mine]);
  });

  test("action", async () => {
    const [, removed] = await insertAuditEvents(db, [{ action: "link.added" }, { action: "link.removed" }]);
    expect(await idsOf({ action: "link.removed" })).toEqual([removed]);
  });

  test("actor system", async () => {
    const [system] = await insertAuditEvents(db, [
      { action: "invitation.sent", actorUserId: null },
      { action: "link.added", actorUserId: 3 },
    ]);
    expect(await idsOf({ actor: "system" })).toEqual([system]);
  });

  test("actor manager", async () => {
    const [, manager] = await insertAuditEvents(db, [
      { action: "invitation.sent", actorUserId: null },
      { action: "link.added", actorUserId: 3 },
    ]);
    expect(await idsOf({ actor: 3 })).toEqual([manager]);
  });

  test("dates follow the school time zone", async () => {
    // Europe/London is on BST (UTC+1) in July, so 23:30 UTC on 1 July is 2 July at school.
    const [lateFirst, secondJuly, thirdJuly] = await insertAuditEvents(db, [
      { action: "link.added", createdAt: new Date("2026-07-01T22:30:00Z") },
      { action: "link.added", createdAt: new Date("2026-07-01T23:30:00Z") },
      { action: "link.added", createdAt: new Date("2026-07-02T23:30:00Z") },
    ]);
    const ids = await idsOf({ from: "2026-07-02", to: "2026-07-02" });
    expect(ids).toEqual([secondJuly]);
    expect([lateFirst, thirdJuly]).not.toContain(ids[0]);
  });

  test("search matches the summary", async () => {
    const [, linda] = await insertAuditEvents(db, [
      { action: "link.added", summary: "Linked parent Mark Brown to student Tom Brown as father" },
      { action: "link.added", summary: "Linked parent Linda Brown to student Tom Brown as mother" },
    ]);
    expect(await idsOf({ search: "linda" })).toEqual([linda]);
  });

  test("search treats % literally", async () => {
    await insertAuditEvents(db, [{ action: "link.added", summary: "Linked parent Linda" }]);
    expect(await idsOf({ search: "%" })).toEqual([]);
  });
});

describe("subject names", () => {
  test("deleted records have no name", async () => {
    const parentId = await insertParent(db, { name: "Linda Brown" });
    const names = await getAuditSubjectNames({ parentIds: [parentId, parentId + 50], studentIds: [], userIds: [] }, db);
    expect(names.parents.get(parentId)).toEqual("Linda Brown");
    expect(names.parents.get(parentId + 50)).toBeUndefined();
  });
});

describe("school day", () => {
  test("summer day starts at 23:00 UTC", () => {
    expect(startOfSchoolDay("2026-07-02", "Europe/London").toISOString()).toBe("2026-07-01T23:00:00.000Z");
  });

  test("winter day starts at midnight UTC", () => {
    expect(startOfSchoolDay("2026-01-15", "Europe/London").toISOString()).toBe("2026-01-15T00:00:00.000Z");
  });

  test("day of the spring change", () => {
    expect(startOfSchoolDay("2026-03-29", "Europe/London").toISOString()).toBe("2026-03-29T00:00:00.000Z");
  });

  test("zone ahead of UTC", () => {
    expect(startOfSchoolDay("2026-07-02", "Asia/Kolkata").toISOString()).toBe("2026-07-01T18:30:00.000Z");
  });
});

describe("URL parameters", () => {
  test("round trip", () => {
    const href = auditHref({ parentId: 4, action: "link.added", actor: "system", from: "2026-01-01" }, { before: 90 });
    const { filters, cursor } = parseAuditParams(Object.fromEntries(new URL(href, "http://x").searchParams));
    expect(filters).toMatchObject({ parentId: 4, action: "link.added", actor: "system", from: "2026-01-01" });
    expect(cursor).toEqual({ before: 90, after: undefined });
  });

  test("malformed values are ignored", () => {
    const { filters } = parseAuditParams({ parent: "1e3", action: "user.hacked", from: "2026-02-30", actor: "x" });
    expect(filters).toEqual({
      parentId: undefined,
      studentId: undefined,
      userId: undefined,
      action: undefined,
      actor: undefined,
      from: undefined,
      to: undefined,
      search: undefined,
    });
  });

  test("reversed dates are swapped", () => {
    const { filters } = parseAuditParams({ from: "2026-05-01", to: "2026-04-01" });
    expect(filters.from).toEqual("2026-04-01");
    expect(filters.to).toEqual("2026-05-01");
  });
});

describe("field changes", () => {
  const asText = (date: Date) => date.toISOString();

  test("user state reads Deactivated", () => {
    const changes = describeFieldChanges(
      { action: "user.deactivated", before: { active: true }, after: { active: false } },
      asText,
    );
    expect(changes).toEqual([{ field: "active", label: "State", before: "Active", after: "Deactivated" }]);
  });

  test("record state reads Archived", () => {
    const [change] = describeFieldChanges(
      { action: "parent.archived", before: { active: true }, after: { active: false } },
      asText,
    );
    expect(change.after).toBe("Archived");
  });

  test("children list their names", () => {
    const [change] = describeFieldChanges(
      { action: "user.created", before: null, after: { children: [{ userId: 3, name: "Tom Brown" }, { userId: 4, name: "Lucy Brown" }] } },
      asText,
    );
    expect(change.label).toEqual("Children");
    expect(change.before).toBeNull();
    expect(change.after).toEqual("Tom Brown, Lucy Brown");
  });

  test("relationship is capitalised", () => {
    const [change] = describeFieldChanges(
      { action: "link.changed", before: { relationship: "guardian" }, after: { relationship: "mother" } },
      asText,
    );
    expect(change.before).toEqual("Guardian");
    expect(change.after).toEqual("Mother");
  });

  test("equal fields are left out", () => {
    const changes = describeFieldChanges(
      { action: "invitation.queued", before: { unusedLinks: 1 }, after: { unusedLinks: 1 } },
      asText,
    );
    expect(changes).toEqual([]);
  });
});
