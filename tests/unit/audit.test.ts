import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { eq } from "drizzle-orm";
import { writeTransaction, type Database, type Transaction } from "@/db/client";
import { emailOutbox, parents, passwordTokens, users } from "@/db/schema";
import {
  asManager,
  eventsOf,
  eventsSince,
  lastEventId,
  startFailingMailApi,
  storedAuditEvents,
  TEST_MANAGER,
} from "../support/audit-fixtures";
import {
  createTestDatabase,
  createUserForParent,
  insertParent,
  insertStudent,
  insertStudentWithUser,
  type TestDatabase,
} from "../support/test-db";

let testDb: TestDatabase;
let db: Database;

vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: () => {},
}));
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDb: () => db,
}));

const { setPassword } = await import("@/app/set-password/actions");
const { resendInvitation } = await import("@/app/admin/_lib/resend-invitation");
const { createParentUser } = await import("@/lib/parents/create-parent-user");
const parentMutations = await import("@/lib/parents/mutations");
const studentMutations = await import("@/lib/students/mutations");
const { setUserActive } = await import("@/lib/users/mutations");
const { requestPasswordReset, sendPasswordResetToUser } = await import("@/lib/users/password-reset");
const { deliverDueEmails } = await import("@/lib/email/outbox");
const { syncChildIds } = await import("@/lib/access/child-sync");
const { queueInvitation } = await import("@/lib/invitations");

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
});

afterEach(async () => {
  await testDb.cleanup();
});

/** Creates Linda Brown (parent, no portal user yet) linked to Tom Brown, who has a portal user. */
async function brownFamily() {
  const tom = await insertStudentWithUser(db, { name: "Tom Brown", email: "tom.brown@example.com" });
  const parentId = await insertParent(db, { name: "Linda Brown", email: "linda.brown@example.com" }, [
    tom.studentId,
  ]);
  return { parentId, tom };
}

async function only<T>(events: Promise<T[]> | T[]): Promise<T> {
  const list = await events;
  expect(list).toHaveLength(1);
  return list[0];
}

async function tokenOfOutbox(outboxId: number): Promise<string> {
  const row = await db.query.emailOutbox.findFirst({ where: eq(emailOutbox.id, outboxId) });
  const link = (row?.payload as { setPasswordUrl?: string }).setPasswordUrl ?? "";
  return new URL(link).searchParams.get("token") ?? "";
}

async function submitNewPassword(token: string, password = "a brand new password") {
  const form = new FormData();
  form.set("token", token);
  form.set("password", password);
  form.set("confirmPassword", password);
  await expect(setPassword(null, form)).rejects.toThrow("NEXT_REDIRECT");
}

describe("create parent user", () => {
  test("user.created names the login", async () => {
    const { parentId } = await brownFamily();
    await asManager(() => createParentUser(db, { parentId }));
    const event = await only(eventsOf(db, "user.created"));
    expect(event.summary).toBe("Created portal user linda.brown@example.com for Linda Brown");
  });

  test("user.created has the manager as author", async () => {
    const { parentId } = await brownFamily();
    await asManager(() => createParentUser(db, { parentId }));
    const event = await only(eventsOf(db, "user.created"));
    expect(event.actorUserId).toEqual(TEST_MANAGER.userId);
    expect(event.actorName).toEqual(TEST_MANAGER.name);
  });

  test("user.created after has login, flag and children", async () => {
    const { parentId, tom } = await brownFamily();
    const result = await asManager(() => createParentUser(db, { parentId }));
    const event = await only(eventsOf(db, "user.created"));
    expect(event.after).toEqual({
      login: "linda.brown@example.com",
      isParent: true,
      children: [{ userId: tom.userId, name: "Tom Brown" }],
    });
    expect(event.before).toBeNull();
    expect(event.userId).toEqual(result.status === "created" ? result.userId : -1);
    expect(event.parentId).toEqual(parentId);
  });

  test("child.added for each child", async () => {
    const { parentId, tom } = await brownFamily();
    const lucy = await insertStudentWithUser(db, { name: "Lucy Brown", email: "lucy.brown@example.com" });
    await parentMutations.linkStudentToParent(db, { parentId, studentId: lucy.studentId, relationship: "mother" });
    const start = await lastEventId(db);
    const userId = await createUserForParent(db, parentId);
    const added = (await eventsSince(db, start)).filter((event) => event.action === "child.added");
    expect(added.map((event) => [event.userId, event.studentId]).sort()).toEqual(
      [
        [userId, tom.studentId],
        [userId, lucy.studentId],
      ].sort(),
    );
  });

  test("user.created comes before its child.added", async () => {
    const { parentId } = await brownFamily();
    const start = await lastEventId(db);
    await createUserForParent(db, parentId);
    const actions = (await eventsSince(db, start)).map((event) => event.action);
    expect(actions).toEqual(["user.created", "child.added", "invitation.queued"]);
  });

  test("invitation.queued with link state", async () => {
    const { parentId } = await brownFamily();
    const userId = await createUserForParent(db, parentId);
    const event = await only((await eventsOf(db, "invitation.queued")).filter((e) => e.userId === userId));
    expect(event.before).toEqual({ unusedLinks: 0 });
    expect(event.after).toMatchObject({ unusedLinks: 1 });
  });

  test("user.linked when sharing an account", async () => {
    const { parentId } = await brownFamily();
    const userId = await createUserForParent(db, parentId);
    const otherParent = await insertParent(db, { name: "Linda B. (work)", email: "Linda.Brown@example.com" });
    await asManager(() => createParentUser(db, { parentId: otherParent, shareUserId: userId }));
    const event = await only(eventsOf(db, "user.linked"));
    expect(event.userId).toEqual(userId);
    expect(event.parentId).toEqual(otherParent);
    expect(event.actorName).toEqual("Mary Manager");
    expect(event.after).toMatchObject({ portalUser: "linda.brown@example.com" });
  });

  test("login_exists records nothing", async () => {
    const { parentId } = await brownFamily();
    await createUserForParent(db, parentId);
    const otherParent = await insertParent(db, { name: "Other", email: "linda.brown@example.com" });
    const start = await lastEventId(db);
    await createParentUser(db, { parentId: otherParent });
    expect(await eventsSince(db, start)).toEqual([]);
  });
});

describe("invitations and passwords", () => {
  test("resend records voided links", async () => {
    const { parentId } = await brownFamily();
    const userId = await createUserForParent(db, parentId);
    const start = await lastEventId(db);
    await asManager(() => resendInvitation(db, userId));
    const event = await only(eventsSince(db, start));
    expect(event.action).toBe("invitation.queued");
    expect(event.before).toEqual({ unusedLinks: 1 });
    expect(event.after).toMatchObject({ unusedLinks: 1 });
    expect(event.actorName).toBe("Mary Manager");
  });

  test("forgot form records reset request", async () => {
    const { parentId } = await brownFamily();
    const userId = await createUserForParent(db, parentId);
    await requestPasswordReset(db, "linda.brown@example.com");
    const event = await only(eventsOf(db, "password.reset_requested"));
    expect(event.userId).toEqual(userId);
    expect(event.actorUserId).toBeNull();
    expect(event.actorName).toEqual("Forgot password form");
  });

  test("unknown email records nothing", async () => {
    await requestPasswordReset(db, "nobody@example.com");
    expect(await storedAuditEvents(db)).toEqual([]);
  });

  test("manager reset has manager author", async () => {
    const { parentId } = await brownFamily();
    const userId = await createUserForParent(db, parentId);
    await asManager(() => sendPasswordResetToUser(db, userId));
    const event = await only(eventsOf(db, "password.reset_requested"));
    expect(event.actorName).toBe("Mary Manager");
    expect(event.summary).toBe("Queued a password reset email to linda.brown@example.com for Linda Brown");
  });

  test("invitation link records password.set", async () => {
    const { parentId } = await brownFamily();
    const result = await createParentUser(db, { parentId });
    if (result.status !== "created") throw new Error(result.status);
    await submitNewPassword(await tokenOfOutbox(result.outboxId));
    const event = await only(eventsOf(db, "password.set"));
    expect(event.userId).toEqual(result.userId);
    expect(event.actorUserId).toEqual(result.userId);
    expect(event.actorName).toEqual("Linda Brown");
  });

  test("reset link records password.reset", async () => {
    const { parentId } = await brownFamily();
    const userId = await createUserForParent(db, parentId);
    const { outboxId } = await requestPasswordReset(db, "linda.brown@example.com");
    await submitNewPassword(await tokenOfOutbox(outboxId!));
    const event = await only(eventsOf(db, "password.reset"));
    expect(event.userId).toBe(userId);
    expect(await eventsOf(db, "password.set")).toEqual([]);
  });

  test("used link records nothing more", async () => {
    const { parentId } = await brownFamily();
    const result = await createParentUser(db, { parentId });
    if (result.status !== "created") throw new Error(result.status);
    const token = await tokenOfOutbox(result.outboxId);
    await submitNewPassword(token);
    const form = new FormData();
    form.set("token", token);
    form.set("password", "another new password");
    form.set("confirmPassword", "another new password");
    await setPassword(null, form);
    expect(await eventsOf(db, "password.set")).toHaveLength(1);
  });
});

describe("email delivery", () => {
  const savedEnv: Record<string, string | undefined> = {};

  beforeEach(() => {
    for (const name of ["RESEND_API_KEY", "RESEND_BASE_URL"]) savedEnv[name] = process.env[name];
  });

  afterEach(() => {
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  test("sent invitation records invitation.sent", async () => {
    const { parentId } = await brownFamily();
    const userId = await createUserForParent(db, parentId);
    await asManager(() => deliverDueEmails(db));
    const sent = (await eventsOf(db, "invitation.sent")).filter((event) => event.userId === userId);
    expect(sent).toHaveLength(1);
    expect(sent[0].actorUserId).toBeNull();
    expect(sent[0].actorName).toEqual("System");
  });

  test("failed send records the reason", async () => {
    const { parentId } = await brownFamily();
    const userId = await createUserForParent(db, parentId);
    const api = await startFailingMailApi();
    process.env.RESEND_API_KEY = "re_test";
    process.env.RESEND_BASE_URL = api.url;
    try {
      await deliverDueEmails(db);
    } finally {
      await api.stop();
    }
    const failed = (await eventsOf(db, "invitation.failed")).filter((event) => event.userId === userId);
    expect(failed).toHaveLength(1);
    expect((failed[0].after as { reason: string }).reason).toContain("fake outage");
    expect(failed[0].actorName).toBe("System");
  });

  test("reset email records invitation.sent", async () => {
    const { parentId } = await brownFamily();
    await createUserForParent(db, parentId);
    await deliverDueEmails(db);
    const { outboxId } = await requestPasswordReset(db, "linda.brown@example.com");
    const start = await lastEventId(db);
    await deliverDueEmails(db, { ids: [outboxId!] });
    const event = await only(eventsSince(db, start));
    expect(event.summary).toBe("Sent the password reset email to linda.brown@example.com");
  });
});

describe("deactivate and reactivate", () => {
  test("user.deactivated before and after", async () => {
    const { parentId } = await brownFamily();
    const userId = await createUserForParent(db, parentId);
    await asManager(() => setUserActive(db, { userId, managerId: 9001, active: false }));
    const event = await only(eventsOf(db, "user.deactivated"));
    expect(event.before).toEqual({ active: true });
    expect(event.after).toEqual({ active: false });
  });

  test("user.reactivated before and after", async () => {
    const { parentId } = await brownFamily();
    const userId = await createUserForParent(db, parentId);
    await setUserActive(db, { userId, managerId: 9001, active: false });
    await asManager(() => setUserActive(db, { userId, managerId: 9001, active: true }));
    const event = await only(eventsOf(db, "user.reactivated"));
    expect(event.before).toEqual({ active: false });
    expect(event.after).toEqual({ active: true });
    expect(event.userId).toEqual(userId);
  });

  test("unchanged state records nothing", async () => {
    const { parentId } = await brownFamily();
    const userId = await createUserForParent(db, parentId);
    const start = await lastEventId(db);
    await setUserActive(db, { userId, managerId: 9001, active: true });
    expect(await eventsSince(db, start)).toEqual([]);
  });
});

describe("links", () => {
  test("link.added from the parent", async () => {
    const parentId = await insertParent(db, { name: "Linda Brown" });
    const studentId = await insertStudent(db, { name: "Tom Brown" });
    await asManager(() =>
      parentMutations.linkStudentToParent(db, { parentId, studentId, relationship: "mother" }),
    );
    const event = await only(eventsOf(db, "link.added"));
    expect(event.parentId).toEqual(parentId);
    expect(event.studentId).toEqual(studentId);
    expect(event.after).toEqual({ relationship: "mother" });
    expect(event.summary).toBe("Linked parent Linda Brown to student Tom Brown as mother");
  });

  test("link.changed on a new relationship", async () => {
    const studentId = await insertStudent(db, { name: "Tom Brown" });
    const parentId = await insertParent(db, { name: "Linda Brown" }, [studentId], "guardian");
    await parentMutations.linkStudentToParent(db, { parentId, studentId, relationship: "mother" });
    const event = await only(eventsOf(db, "link.changed"));
    expect(event.before).toEqual({ relationship: "guardian" });
    expect(event.after).toEqual({ relationship: "mother" });
  });

  test("same relationship records nothing", async () => {
    const studentId = await insertStudent(db, { name: "Tom Brown" });
    const parentId = await insertParent(db, { name: "Linda Brown" }, [studentId], "mother");
    const start = await lastEventId(db);
    await parentMutations.linkStudentToParent(db, { parentId, studentId, relationship: "mother" });
    expect(await eventsSince(db, start)).toEqual([]);
  });

  test("link.removed on unlink", async () => {
    const studentId = await insertStudent(db, { name: "Tom Brown" });
    const parentId = await insertParent(db, { name: "Linda Brown" }, [studentId], "mother");
    await parentMutations.unlinkStudentFromParent(db, { parentId, studentId });
    const event = await only(eventsOf(db, "link.removed"));
    expect(event.parentId).toEqual(parentId);
    expect(event.studentId).toEqual(studentId);
    expect(event.before).toEqual({ relationship: "mother" });
    expect(event.after).toBeNull();
  });

  test("createParent records its links", async () => {
    const studentId = await insertStudent(db, { name: "Tom Brown" });
    const parentId = await insertParent(db, { name: "Linda Brown" }, [studentId], "mother");
    const event = await only(eventsOf(db, "link.added"));
    expect(event.parentId).toEqual(parentId);
    expect(event.studentId).toEqual(studentId);
  });

  test("setStudentParents records each change", async () => {
    const studentId = await insertStudent(db, { name: "Tom Brown" });
    const linda = await insertParent(db, { name: "Linda Brown" }, [studentId], "mother");
    const mark = await insertParent(db, { name: "Mark Brown" }, [studentId], "father");
    const gran = await insertParent(db, { name: "Gran Brown" });
    const start = await lastEventId(db);
    await studentMutations.setStudentParents(db, studentId, [
      { parentId: linda, relationship: "guardian" },
      { parentId: gran, relationship: "grandparent" },
    ]);
    const events = (await eventsSince(db, start)).map((event) => [event.action, event.parentId]);
    expect(events).toEqual([
      ["link.removed", mark],
      ["link.changed", linda],
      ["link.added", gran],
    ]);
  });

  test("setParentStudents records each change", async () => {
    const tom = await insertStudent(db, { name: "Tom Brown" });
    const lucy = await insertStudent(db, { name: "Lucy Brown" });
    const parentId = await insertParent(db, { name: "Linda Brown" }, [tom], "mother");
    const start = await lastEventId(db);
    await parentMutations.setParentStudents(db, parentId, [{ studentId: lucy, relationship: "mother" }]);
    const events = (await eventsSince(db, start)).map((event) => [event.action, event.studentId]);
    expect(events).toEqual([
      ["link.removed", tom],
      ["link.added", lucy],
    ]);
  });
});

describe("records", () => {
  test("updateParent records parent.archived", async () => {
    const parentId = await insertParent(db, { name: "Linda Brown" });
    await parentMutations.updateParent(db, parentId, {
      name: "Linda Brown",
      email: null,
      contactEmail: null,
      phone: null,
      active: false,
    });
    const event = await only(eventsOf(db, "parent.archived"));
    expect(event.parentId).toEqual(parentId);
    expect(event.before).toEqual({ active: true });
    expect(event.after).toEqual({ active: false });
  });

  test("updateParent without archiving records nothing", async () => {
    const parentId = await insertParent(db, { name: "Linda Brown" });
    await parentMutations.updateParent(db, parentId, {
      name: "Linda B.",
      email: null,
      contactEmail: null,
      phone: null,
      active: true,
    });
    expect(await storedAuditEvents(db)).toEqual([]);
  });

  test("setParentsActive records only changes", async () => {
    const archived = await insertParent(db, { name: "Linda Brown", active: false });
    const active = await insertParent(db, { name: "Mark Brown" });
    await parentMutations.setParentsActive(db, [archived, active], true);
    const event = await only(eventsOf(db, "parent.restored"));
    expect(event.parentId).toBe(archived);
  });

  test("deleteParents records parent.deleted", async () => {
    const studentId = await insertStudent(db, { name: "Tom Brown" });
    const parentId = await insertParent(db, { name: "Linda Brown" }, [studentId]);
    const start = await lastEventId(db);
    await parentMutations.deleteParents(db, [parentId]);
    const events = (await eventsSince(db, start)).map((event) => [event.action, event.parentId]);
    expect(events).toEqual([
      ["link.removed", parentId],
      ["parent.deleted", parentId],
    ]);
  });

  test("updateStudent records student.archived", async () => {
    const studentId = await insertStudent(db, { name: "Tom Brown" });
    await studentMutations.updateStudent(db, studentId, {
      name: "Tom Brown",
      email: null,
      birthDate: null,
      active: false,
    });
    const event = await only(eventsOf(db, "student.archived"));
    expect(event.studentId).toEqual(studentId);
    expect(event.before).toEqual({ active: true });
    expect(event.after).toEqual({ active: false });
  });

  test("setStudentsActive records student.restored", async () => {
    const studentId = await insertStudent(db, { name: "Tom Brown", active: false });
    await studentMutations.setStudentsActive(db, [studentId], true);
    const event = await only(eventsOf(db, "student.restored"));
    expect(event.summary).toBe("Restored student Tom Brown");
  });

  test("deleteStudents records student.deleted", async () => {
    const tom = await insertStudentWithUser(db, { name: "Tom Brown", email: "tom.brown@example.com" });
    const start = await lastEventId(db);
    await studentMutations.deleteStudents(db, [tom.studentId]);
    const actions = (await eventsSince(db, start)).map((event) => event.action);
    expect(actions).toEqual(["student.deleted", "user.deactivated"]);
  });
});

describe("student users", () => {
  test("student_user.created", async () => {
    const studentId = await insertStudent(db, { name: "Tom Brown", email: "tom.brown@example.com" });
    const result = await asManager(() => studentMutations.createStudentUser(db, studentId));
    const event = await only(eventsOf(db, "student_user.created"));
    expect(event.studentId).toEqual(studentId);
    expect(event.userId).toEqual(result.status === "created" ? result.userId : -1);
    expect(event.before).toEqual({ portalUser: null });
    expect(event.after).toEqual({ portalUser: "tom.brown@example.com" });
  });

  test("student_user.removed deactivates", async () => {
    const tom = await insertStudentWithUser(db, { name: "Tom Brown", email: "tom.brown@example.com" });
    const start = await lastEventId(db);
    await studentMutations.removeStudentUser(db, tom.studentId);
    const events = (await eventsSince(db, start)).map((event) => [event.action, event.userId]);
    expect(events).toEqual([
      ["student_user.removed", tom.userId],
      ["user.deactivated", tom.userId],
    ]);
  });

  test("student_user.replaced", async () => {
    const tom = await insertStudentWithUser(db, { name: "Tom Brown", email: "tom.brown@example.com" });
    const other = await insertStudentWithUser(db, { name: "Spare", email: "spare@example.com" });
    await studentMutations.removeStudentUser(db, other.studentId);
    await writeTransaction(db, (tx) => studentMutations.setStudentUser(tx, tom.studentId, other.userId));
    const event = await only(eventsOf(db, "student_user.replaced"));
    expect(event.before).toEqual({ portalUser: "tom.brown@example.com" });
    expect(event.after).toEqual({ portalUser: "spare@example.com" });
  });
});

describe("child sync", () => {
  async function lindaWithTom() {
    const tom = await insertStudent(db, { name: "Tom Brown", email: "tom.brown@example.com" });
    const parentId = await insertParent(db, { name: "Linda Brown", email: "linda.brown@example.com" }, [tom]);
    const lindaUserId = await createUserForParent(db, parentId);
    return { tom, lindaUserId };
  }

  test("student gets a user: child.added", async () => {
    const { tom, lindaUserId } = await lindaWithTom();
    const start = await lastEventId(db);
    await studentMutations.createStudentUser(db, tom);
    const event = await only((await eventsSince(db, start)).filter((e) => e.action === "child.added"));
    expect(event.userId).toEqual(lindaUserId);
    expect(event.studentId).toEqual(tom);
    expect(event.summary).toBe("Portal user Linda Brown (linda.brown@example.com) can now see Tom Brown");
  });

  test("student loses the user: child.removed", async () => {
    const { tom, lindaUserId } = await lindaWithTom();
    await studentMutations.createStudentUser(db, tom);
    const start = await lastEventId(db);
    await studentMutations.removeStudentUser(db, tom);
    const event = await only((await eventsSince(db, start)).filter((e) => e.action === "child.removed"));
    expect(event.userId).toEqual(lindaUserId);
    expect(event.before).toEqual({ child: "Tom Brown" });
  });

  test("replaced user: removed then added", async () => {
    const { tom, lindaUserId } = await lindaWithTom();
    const first = await studentMutations.createStudentUser(db, tom);
    const spare = await insertStudentWithUser(db, { name: "Tom B.", email: "tom.b@example.com" });
    await studentMutations.removeStudentUser(db, spare.studentId);
    const start = await lastEventId(db);
    await writeTransaction(db, (tx) => studentMutations.setStudentUser(tx, tom, spare.userId));
    const changes = (await eventsSince(db, start))
      .filter((event) => event.action.startsWith("child."))
      .map((event) => [event.action, event.userId, (event.before ?? event.after) as { child: string }]);
    expect(changes).toEqual([
      ["child.removed", lindaUserId, { child: "Tom Brown" }],
      ["child.added", lindaUserId, { child: "Tom B." }],
    ]);
    expect(first.status).toBe("created");
  });

  test("archiving the student: child.removed", async () => {
    const { tom } = await lindaWithTom();
    await studentMutations.createStudentUser(db, tom);
    await studentMutations.setStudentsActive(db, [tom], false);
    expect(await eventsOf(db, "child.removed")).toHaveLength(1);
  });

  test("no change records nothing", async () => {
    const { lindaUserId } = await lindaWithTom();
    const start = await lastEventId(db);
    await writeTransaction(db, (tx) => syncChildIds(tx, [lindaUserId]));
    expect(await eventsSince(db, start)).toEqual([]);
  });

  test("statement count ignores user count", async () => {
    const counts: number[] = [];
    for (const families of [1, 6]) {
      const userIds: number[] = [];
      for (let index = 0; index < families; index++) {
        const child = await insertStudentWithUser(db, {
          name: `Child ${families}-${index}`,
          email: `child.${families}.${index}@example.com`,
        });
        const parentId = await insertParent(
          db,
          { name: `Parent ${families}-${index}`, email: `parent.${families}.${index}@example.com` },
          [child.studentId],
        );
        userIds.push(await createUserForParent(db, parentId));
      }
      await db.$client.execute(
        `DELETE FROM user_children WHERE parent_user_id IN (${userIds.join(",")})`,
      );
      counts.push(await countSyncStatements(userIds));
    }
    expect(counts).toEqual([5, 5]);
  });

  test("returns the changes it recorded", async () => {
    const { tom, lindaUserId } = await lindaWithTom();
    await studentMutations.createStudentUser(db, tom);
    await db.$client.execute(`DELETE FROM user_children WHERE parent_user_id = ${lindaUserId}`);
    const changes = await writeTransaction(db, (tx) => syncChildIds(tx, [lindaUserId]));
    expect(changes.map((change) => [change.change, change.childName])).toEqual([["added", "Tom Brown"]]);
  });
});

/** Runs syncChildIds for `userIds` and counts the statements it builds on the transaction. */
async function countSyncStatements(userIds: number[]): Promise<number> {
  let statements = 0;
  const builders = new Set(["select", "selectDistinct", "insert", "update", "delete", "run", "all", "get"]);
  await writeTransaction(db, (tx) => {
    const counted = new Proxy(tx, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof property !== "string" || !builders.has(property) || typeof value !== "function") {
          return value;
        }
        return (...args: unknown[]) => {
          statements++;
          return value.apply(target, args);
        };
      },
    });
    return syncChildIds(counted, userIds);
  });
  return statements;
}

describe("rollback", () => {
  test("rolled-back change records nothing", async () => {
    const { tom } = await brownFamily();
    const start = await lastEventId(db);
    await expect(
      writeTransaction(db, async (tx) => {
        await studentMutations.setStudentUser(tx, tom.studentId, null);
        throw new Error("stop before commit");
      }),
    ).rejects.toThrow("stop before commit");
    expect(await eventsSince(db, start)).toEqual([]);
  });

  test("rolled-back user creation records nothing", async () => {
    const { parentId } = await brownFamily();
    const start = await lastEventId(db);
    await expect(
      writeTransaction(db, async (tx) => {
        await createParentUserInside(tx, parentId);
        throw new Error("stop before commit");
      }),
    ).rejects.toThrow("stop before commit");
    expect(await eventsSince(db, start)).toEqual([]);
  });
});

/** Runs the steps of a parent user's creation that record events, inside `tx`. */
async function createParentUserInside(tx: Transaction, parentId: number) {
  const [user] = await tx
    .insert(users)
    .values({ login: "temp@example.com", name: "Temp", role: "portal", isParent: true })
    .returning({ id: users.id });
  await tx.update(parents).set({ userId: user.id }).where(eq(parents.id, parentId));
  const changes = await syncChildIds(tx, [user.id]);
  await queueInvitation(tx, user.id);
  expect(changes).toHaveLength(1);
}

describe("recordAudit", () => {
  test("stores a batch past one insert", async () => {
    const { recordAudit } = await import("@/lib/audit/record");
    const events = Array.from({ length: 1201 }, (_, index) => ({
      action: "child.added" as const,
      summary: `Event ${index}`,
      userId: index,
    }));
    await writeTransaction(db, (tx) => recordAudit(tx, events));
    const stored = await storedAuditEvents(db);
    expect(stored.map((event) => event.userId)).toEqual(events.map((event) => event.userId));
  });
});

describe("secrets", () => {
  test("no event holds a token, hash or password", async () => {
    const { parentId } = await brownFamily();
    const created = await createParentUser(db, { parentId });
    if (created.status !== "created") throw new Error(created.status);
    const invitationToken = await tokenOfOutbox(created.outboxId);
    await submitNewPassword(invitationToken, "secret password one");
    const { outboxId } = await requestPasswordReset(db, "linda.brown@example.com");
    const resetToken = await tokenOfOutbox(outboxId!);
    await deliverDueEmails(db);
    await submitNewPassword(resetToken, "secret password two");
    const tokenHashes = (await db.select({ hash: passwordTokens.tokenHash }).from(passwordTokens)).map(
      (row) => row.hash,
    );
    const passwordHashes = (await db.select({ hash: users.passwordHash }).from(users))
      .map((row) => row.hash)
      .filter((hash): hash is string => hash !== null);
    const stored = JSON.stringify(await storedAuditEvents(db));
    const secrets = [
      invitationToken,
      resetToken,
      "secret password one",
      "secret password two",
      "set-password?token",
      ...tokenHashes,
      ...passwordHashes,
    ];
    for (const secret of secrets) {
      expect(stored, `an audit event contains ${secret.slice(0, 12)}…`).not.toContain(secret);
    }
  });
});
