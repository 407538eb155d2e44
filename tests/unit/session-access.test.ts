import { afterEach, beforeEach, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { writeTransaction, type Database } from "@/db/client";
import { users } from "@/db/schema";
import { loadSessionAccess } from "@/lib/access/session-access";
import { setStudentsActive } from "@/lib/students/mutations";
import {
  createTestDatabase,
  createUserForParent,
  insertManager,
  insertParent,
  insertStudentWithUser,
  type TestDatabase,
} from "../support/test-db";

let testDb: TestDatabase;
let db: Database;
let parentUserId: number;
let childId: number;

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  childId = (await insertStudentWithUser(db, { name: "Ada Child", email: "ada@example.com" })).studentId;
  // Another family's child, which the parent must not see.
  await insertStudentWithUser(db, { name: "Ben Other", email: "ben@example.com" });
  const parentId = await insertParent(db, { name: "Cara Parent", email: "cara@example.com" }, [childId]);
  parentUserId = await createUserForParent(db, parentId);
});

afterEach(async () => {
  await testDb.cleanup();
});

async function setUser(userId: number, values: Partial<typeof users.$inferInsert>) {
  await writeTransaction(db, (tx) => tx.update(users).set(values).where(eq(users.id, userId)));
}

test("parent sees own child only", async () => {
  const access = await loadSessionAccess(db, { userId: parentUserId, sessionVersion: 1 });
  expect(access).toEqual({ signedIn: true, role: "portal", studentIds: [childId] });
});

test("manager has no student ids", async () => {
  const managerId = await insertManager(db, "boss@example.com");
  const access = await loadSessionAccess(db, { userId: managerId, sessionVersion: 1 });
  expect(access).toEqual({ signedIn: true, role: "manager", studentIds: [] });
});

test("archived child disappears at once", async () => {
  await setStudentsActive(db, [childId], false);
  const access = await loadSessionAccess(db, { userId: parentUserId, sessionVersion: 1 });
  expect(access).toEqual({ signedIn: true, role: "portal", studentIds: [] });
});

test("deactivated user is signed out", async () => {
  await setUser(parentUserId, { active: false });
  const access = await loadSessionAccess(db, { userId: parentUserId, sessionVersion: 1 });
  expect(access).toEqual({ signedIn: false });
});

test("older session version is signed out", async () => {
  await setUser(parentUserId, { sessionVersion: 2 });
  const access = await loadSessionAccess(db, { userId: parentUserId, sessionVersion: 1 });
  expect(access).toEqual({ signedIn: false });
});

test("missing session version is signed out", async () => {
  const access = await loadSessionAccess(db, { userId: parentUserId, sessionVersion: undefined });
  expect(access).toEqual({ signedIn: false });
});

test("unknown or invalid user id is signed out", async () => {
  for (const userId of [999_999, 0, -1, Number.NaN, 1.5]) {
    expect(await loadSessionAccess(db, { userId, sessionVersion: 1 })).toEqual({ signedIn: false });
  }
});
