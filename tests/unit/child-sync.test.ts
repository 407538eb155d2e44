import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { students, users } from "@/db/schema";
import { createParentUser } from "@/lib/parents/create-parent-user";
import {
  deleteParents,
  linkStudentToParent,
  setParentsActive,
  setParentStudents,
  unlinkStudentFromParent,
  updateParent,
} from "@/lib/parents/mutations";
import {
  createStudentUser,
  deleteStudents,
  removeStudentUser,
  setStudentParents,
  setStudentsActive,
  updateStudent,
} from "@/lib/students/mutations";
import {
  createTestDatabase,
  createUserForParent,
  expectedChildIds,
  insertParent,
  insertStudent,
  insertStudentWithUser,
  storedChildIds,
  type TestDatabase,
} from "../support/test-db";

let testDb: TestDatabase;
let db: Database;

// Students A, B and C have portal users and D has none. Parent 1 (Robert) is
// linked to A, B and D, parent 2 (Linda) to C. Both parents have portal users.
let studentA: number;
let studentB: number;
let studentC: number;
let studentD: number;
let userA: number;
let userB: number;
let userC: number;
let parent1: number;
let parent2: number;
let parentUser1: number;
let parentUser2: number;

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;

  ({ studentId: studentA, userId: userA } = await insertStudentWithUser(db, {
    name: "Anna Smith",
    email: "anna@example.com",
  }));
  ({ studentId: studentB, userId: userB } = await insertStudentWithUser(db, {
    name: "Ben Smith",
    email: "ben@example.com",
  }));
  ({ studentId: studentC, userId: userC } = await insertStudentWithUser(db, {
    name: "Carl Brown",
    email: "carl@example.com",
  }));
  studentD = await insertStudent(db, { name: "Dora Smith", email: "dora@example.com" });

  parent1 = await insertParent(db, { name: "Robert Smith", email: "robert@example.com" }, [
    studentA,
    studentB,
    studentD,
  ]);
  parent2 = await insertParent(db, { name: "Linda Brown", email: "linda@example.com" }, [studentC]);
  parentUser1 = await createUserForParent(db, parent1);
  parentUser2 = await createUserForParent(db, parent2);
});

afterEach(async () => {
  await testDb.cleanup();
});

function sorted(ids: number[]): number[] {
  return [...ids].sort((a, b) => a - b);
}

/** Asserts that every parent user's stored child_ids match the source tables. */
async function expectAllParentUsersSynced(): Promise<void> {
  const parentUsers = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.isParent, true));
  for (const { id } of parentUsers) {
    expect(await storedChildIds(db, id), `child_ids of user ${id}`).toEqual(
      await expectedChildIds(db, id),
    );
  }
}

async function studentFields(studentId: number) {
  const row = await db.query.students.findFirst({ where: eq(students.id, studentId) });
  if (!row) throw new Error(`Student ${studentId} not found`);
  return { name: row.name, email: row.email, birthDate: row.birthDate, active: row.active };
}

async function getUser(userId: number) {
  const row = await db.query.users.findFirst({ where: eq(users.id, userId) });
  if (!row) throw new Error(`User ${userId} not found`);
  return row;
}

test("initial child_ids", async () => {
  expect(await storedChildIds(db, parentUser1)).toEqual(sorted([userA, userB]));
  expect(await storedChildIds(db, parentUser2)).toEqual([userC]);
  await expectAllParentUsersSynced();
});

describe("parent side", () => {
  test("setParentStudents adds", async () => {
    await setParentStudents(db, parent1, [
      { studentId: studentA, relationship: "father" },
      { studentId: studentB, relationship: "father" },
      { studentId: studentC, relationship: "guardian" },
    ]);
    expect(await storedChildIds(db, parentUser1)).toEqual(sorted([userA, userB, userC]));
    expect(await storedChildIds(db, parentUser2)).toEqual([userC]);
    await expectAllParentUsersSynced();
  });

  test("setParentStudents removes", async () => {
    await setParentStudents(db, parent1, [{ studentId: studentA, relationship: "father" }]);
    expect(await storedChildIds(db, parentUser1)).toEqual([userA]);
    await expectAllParentUsersSynced();
  });

  test("setParentStudents to none", async () => {
    await setParentStudents(db, parent1, []);
    expect(await storedChildIds(db, parentUser1)).toEqual([]);
    await expectAllParentUsersSynced();
  });

  test("linkStudentToParent adds", async () => {
    await linkStudentToParent(db, { parentId: parent2, studentId: studentA, relationship: "guardian" });
    expect(await storedChildIds(db, parentUser2)).toEqual(sorted([userA, userC]));
    await expectAllParentUsersSynced();
  });

  test("linkStudentToParent relink keeps one", async () => {
    await linkStudentToParent(db, { parentId: parent1, studentId: studentA, relationship: "other" });
    expect(await storedChildIds(db, parentUser1)).toEqual(sorted([userA, userB]));
    await expectAllParentUsersSynced();
  });

  test("unlinkStudentFromParent removes", async () => {
    await unlinkStudentFromParent(db, { parentId: parent1, studentId: studentB });
    expect(await storedChildIds(db, parentUser1)).toEqual([userA]);
    await expectAllParentUsersSynced();
  });

  test("setParentsActive false empties", async () => {
    await setParentsActive(db, [parent1], false);
    expect(await storedChildIds(db, parentUser1)).toEqual([]);
    expect(await storedChildIds(db, parentUser2)).toEqual([userC]);
    await expectAllParentUsersSynced();
  });

  test("setParentsActive true restores", async () => {
    await setParentsActive(db, [parent1, parent2], false);
    await setParentsActive(db, [parent1, parent2], true);
    expect(await storedChildIds(db, parentUser1)).toEqual(sorted([userA, userB]));
    expect(await storedChildIds(db, parentUser2)).toEqual([userC]);
    await expectAllParentUsersSynced();
  });

  test("updateParent archive empties", async () => {
    await updateParent(db, parent1, {
      name: "Robert Smith",
      email: "robert@example.com",
      contactEmail: null,
      phone: null,
      active: false,
    });
    expect(await storedChildIds(db, parentUser1)).toEqual([]);
    await expectAllParentUsersSynced();
  });

  test("deleteParents empties user", async () => {
    await deleteParents(db, [parent1]);
    expect(await storedChildIds(db, parentUser1)).toEqual([]);
    expect(await storedChildIds(db, parentUser2)).toEqual([userC]);
    await expectAllParentUsersSynced();
  });

  test("deleteParents keeps user", async () => {
    await deleteParents(db, [parent1]);
    const user = await getUser(parentUser1);
    expect(user.id).toBe(parentUser1);
  });
});

describe("student side", () => {
  test("setStudentParents moves child", async () => {
    await setStudentParents(db, studentA, [{ parentId: parent2, relationship: "mother" }]);
    expect(await storedChildIds(db, parentUser1)).toEqual([userB]);
    expect(await storedChildIds(db, parentUser2)).toEqual(sorted([userA, userC]));
    await expectAllParentUsersSynced();
  });

  test("setStudentParents to none", async () => {
    await setStudentParents(db, studentA, []);
    expect(await storedChildIds(db, parentUser1)).toEqual([userB]);
    await expectAllParentUsersSynced();
  });

  test("createStudentUser adds to parents", async () => {
    const result = await createStudentUser(db, studentD);
    expect(result.status).toBe("created");
    const userD = result.status === "created" ? result.userId : -1;
    expect(await storedChildIds(db, parentUser1)).toEqual(sorted([userA, userB, userD]));
    await expectAllParentUsersSynced();
  });

  test("removeStudentUser removes from parents", async () => {
    expect(await removeStudentUser(db, studentA)).toBe(true);
    expect(await storedChildIds(db, parentUser1)).toEqual([userB]);
    await expectAllParentUsersSynced();
  });

  test("removeStudentUser deactivates user", async () => {
    const before = await getUser(userA);
    await removeStudentUser(db, studentA);
    const after = await getUser(userA);
    expect(after.active).toBe(false);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
  });

  test("replaced user swaps in child_ids", async () => {
    await removeStudentUser(db, studentA);
    await updateStudent(db, studentA, {
      ...(await studentFields(studentA)),
      email: "anna.smith@example.com",
    });
    const result = await createStudentUser(db, studentA);
    expect(result.status).toBe("created");
    const newUser = result.status === "created" ? result.userId : -1;

    const childIds = await storedChildIds(db, parentUser1);
    expect(childIds).toContain(newUser);
    expect(childIds).not.toContain(userA);
    expect(childIds).toEqual(sorted([newUser, userB]));
    expect((await getUser(userA)).active).toBe(false);
    await expectAllParentUsersSynced();
  });

  test("recreated user with same email", async () => {
    await removeStudentUser(db, studentA);
    const result = await createStudentUser(db, studentA);
    expect(result.status).toBe("created");
    const restored = await getUser(userA);
    expect(restored.active).toBe(true);
    expect(restored.passwordHash).toBeNull();
    expect(await storedChildIds(db, parentUser1)).toEqual(sorted([userA, userB]));
    await expectAllParentUsersSynced();
  });

  test("setStudentsActive false bulk", async () => {
    await setStudentsActive(db, [studentA, studentC], false);
    expect(await storedChildIds(db, parentUser1)).toEqual([userB]);
    expect(await storedChildIds(db, parentUser2)).toEqual([]);
    await expectAllParentUsersSynced();
  });

  test("setStudentsActive true bulk", async () => {
    await setStudentsActive(db, [studentA, studentB, studentC], false);
    await setStudentsActive(db, [studentA, studentB, studentC], true);
    expect(await storedChildIds(db, parentUser1)).toEqual(sorted([userA, userB]));
    expect(await storedChildIds(db, parentUser2)).toEqual([userC]);
    await expectAllParentUsersSynced();
  });

  test("updateStudent archive removes", async () => {
    await updateStudent(db, studentB, { ...(await studentFields(studentB)), active: false });
    expect(await storedChildIds(db, parentUser1)).toEqual([userA]);
    await expectAllParentUsersSynced();
  });

  test("updateStudent restore adds", async () => {
    await updateStudent(db, studentB, { ...(await studentFields(studentB)), active: false });
    await updateStudent(db, studentB, { ...(await studentFields(studentB)), active: true });
    expect(await storedChildIds(db, parentUser1)).toEqual(sorted([userA, userB]));
    await expectAllParentUsersSynced();
  });

  test("deleteStudents removes", async () => {
    await deleteStudents(db, [studentA, studentC]);
    expect(await storedChildIds(db, parentUser1)).toEqual([userB]);
    expect(await storedChildIds(db, parentUser2)).toEqual([]);
    await expectAllParentUsersSynced();
  });

  test("deleteStudents deactivates users", async () => {
    await deleteStudents(db, [studentA]);
    expect((await getUser(userA)).active).toBe(false);
    expect((await getUser(userB)).active).toBe(true);
  });
});

describe("shared account", () => {
  let parent3: number;

  beforeEach(async () => {
    // Parent 3 uses Robert's account and is linked to B (also Robert's) and C.
    parent3 = await insertParent(db, { name: "Mary Smith", email: "robert@example.com" }, [
      studentB,
      studentC,
    ]);
    const result = await createParentUser(db, { parentId: parent3, shareUserId: parentUser1 });
    expect(result.status).toBe("linked");
  });

  test("child_ids are the union", async () => {
    expect(await storedChildIds(db, parentUser1)).toEqual(sorted([userA, userB, userC]));
    await expectAllParentUsersSynced();
  });

  test("archiving one parent keeps the other's", async () => {
    await setParentsActive(db, [parent3], false);
    expect(await storedChildIds(db, parentUser1)).toEqual(sorted([userA, userB]));
    await expectAllParentUsersSynced();
  });

  test("unlink from one parent keeps child", async () => {
    await unlinkStudentFromParent(db, { parentId: parent1, studentId: studentB });
    expect(await storedChildIds(db, parentUser1)).toEqual(sorted([userA, userB, userC]));
    await expectAllParentUsersSynced();
  });

  test("unlink from both parents removes child", async () => {
    await unlinkStudentFromParent(db, { parentId: parent1, studentId: studentB });
    await setStudentParents(db, studentB, []);
    expect(await storedChildIds(db, parentUser1)).toEqual(sorted([userA, userC]));
    await expectAllParentUsersSynced();
  });

  test("deleting one parent keeps the other's", async () => {
    await deleteParents(db, [parent1]);
    expect(await storedChildIds(db, parentUser1)).toEqual(sorted([userB, userC]));
    await expectAllParentUsersSynced();
  });
});

describe("writes beside transactions", () => {
  test("createStudent runs beside them", async () => {
    // One server process handles several requests at once, so a new student
    // can be saved while other requests hold write transactions.
    const parentIds: number[] = [];
    for (let i = 0; i < 5; i++) {
      parentIds.push(await insertParent(db, { name: `Parent ${i}`, email: `parent${i}@example.com` }));
    }
    const started = Date.now();

    const transactions = parentIds.map((parentId) => createParentUser(db, { parentId }));
    const insert = insertStudent(db, { name: "Eve Smith", email: "eve@example.com" });
    const [created] = await Promise.allSettled([insert, ...transactions]);

    expect(created.status).toBe("fulfilled");
    // The busy timeout is 5 s, so a wait for the SQLite lock would show here.
    expect(Date.now() - started).toBeLessThan(4_000);
  });
});
