import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { seedDemoSchool } from "@/db/seed";
import { contacts, parents, students } from "@/db/schema";
import {
  getVisibleStudentIds,
  getVisibleStudentProfile,
  getVisibleStudents,
} from "@/lib/access/rule";
import { createParentUser } from "@/lib/parents/create-parent-user";
import { unlinkStudentFromParent } from "@/lib/parents/mutations";
import { setStudentsActive } from "@/lib/students/mutations";
import { createTestDatabase, getUserIdByLogin, type TestDatabase } from "../support/test-db";

let testDb: TestDatabase;
let db: Database;

let robertParent: number;
let robertUser: number;
let lindaUser: number;
let johnUser: number;
let managerUser: number;
let john: number;
let jane: number;
let tom: number;
let amy: number;
let lucy: number;

async function studentIdByName(name: string): Promise<number> {
  const row = await db.query.students.findFirst({ where: eq(students.name, name) });
  if (!row) throw new Error(`Student "${name}" not found in the demo seed`);
  return row.id;
}

async function parentIdByName(name: string): Promise<number> {
  const [row] = await db
    .select({ id: parents.id })
    .from(parents)
    .innerJoin(contacts, eq(contacts.id, parents.contactId))
    .where(eq(contacts.name, name));
  if (!row) throw new Error(`Parent "${name}" not found in the demo seed`);
  return row.id;
}

async function visibleNames(userId: number): Promise<string[]> {
  return (await getVisibleStudents(db, userId)).map((student) => student.name);
}

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  const logins = await seedDemoSchool(db, "unit-test-password");
  if (logins === null) throw new Error("seedDemoSchool did not seed the new database");

  john = await studentIdByName("John Smith");
  jane = await studentIdByName("Jane Smith");
  tom = await studentIdByName("Tom Brown");
  amy = await studentIdByName("Amy Jones");
  lucy = await studentIdByName("Lucy Brown");
  robertParent = await parentIdByName("Robert Smith");
  const created = await createParentUser(db, { parentId: robertParent });
  if (created.status !== "created") throw new Error(`createParentUser returned ${created.status}`);
  robertUser = created.userId;
  lindaUser = await getUserIdByLogin(db, "linda.brown@example.com");
  johnUser = await getUserIdByLogin(db, "john.smith@example.com");
  managerUser = await getUserIdByLogin(db, "manager@example.com");
});

afterEach(async () => {
  await testDb.cleanup();
});

describe("getVisibleStudents", () => {
  test("Robert sees John and Jane", async () => {
    expect(await visibleNames(robertUser)).toEqual(["Jane Smith", "John Smith"]);
  });

  test("Robert's children are not self", async () => {
    const visible = await getVisibleStudents(db, robertUser);
    expect(visible.map((student) => student.isSelf)).toEqual([false, false]);
    expect(visible.map((student) => student.relationships)).toEqual([["father"], ["father"]]);
  });

  test("Linda sees Tom and Lucy", async () => {
    expect(await visibleNames(lindaUser)).toEqual(["Lucy Brown", "Tom Brown"]);
  });

  test("student John sees himself", async () => {
    const visible = await getVisibleStudents(db, johnUser);
    expect(visible.map((student) => student.id)).toEqual([john]);
    expect(visible[0].isSelf).toBe(true);
    expect(visible[0].relationships).toEqual([]);
  });

  test("manager sees none", async () => {
    expect(await getVisibleStudents(db, managerUser)).toEqual([]);
  });

  test("ids match the list", async () => {
    const ids = await getVisibleStudentIds(db, robertUser);
    expect([...ids].sort((a, b) => a - b)).toEqual([john, jane].sort((a, b) => a - b));
    const lindaIds = await getVisibleStudentIds(db, lindaUser);
    expect([...lindaIds].sort((a, b) => a - b)).toEqual([tom, lucy].sort((a, b) => a - b));
    expect(await getVisibleStudentIds(db, managerUser)).toEqual([]);
  });

  test("student without user seen by nobody", async () => {
    for (const userId of [robertUser, lindaUser, johnUser, managerUser]) {
      expect(await getVisibleStudentIds(db, userId), `user ${userId}`).not.toContain(amy);
    }
  });
});

describe("getVisibleStudentProfile", () => {
  test("own child with courses", async () => {
    const profile = await getVisibleStudentProfile(db, robertUser, john);
    expect(profile?.name).toBe("John Smith");
    expect(profile?.courses.map((course) => course.code)).toEqual(["ENG-7", "MATH-7"]);
    expect(profile?.relationships).toEqual(["father"]);
  });

  test("other family's child is null", async () => {
    expect(await getVisibleStudentProfile(db, robertUser, tom)).toBeNull();
    expect(await getVisibleStudentProfile(db, lindaUser, john)).toBeNull();
  });

  test("nonexistent id is null", async () => {
    expect(await getVisibleStudentProfile(db, robertUser, 999_999)).toBeNull();
  });

  test("sibling is null for student", async () => {
    expect(await getVisibleStudentProfile(db, johnUser, jane)).toBeNull();
  });

  test("student's own profile is self", async () => {
    const profile = await getVisibleStudentProfile(db, johnUser, john);
    expect(profile?.isSelf).toBe(true);
  });

  test("manager gets null", async () => {
    expect(await getVisibleStudentProfile(db, managerUser, john)).toBeNull();
  });
});

describe("changes apply at once", () => {
  test("unlinked Jane disappears", async () => {
    await unlinkStudentFromParent(db, { parentId: robertParent, studentId: jane });
    expect(await visibleNames(robertUser)).toEqual(["John Smith"]);
    expect(await getVisibleStudentProfile(db, robertUser, jane)).toBeNull();
  });

  test("archived student hidden from parent", async () => {
    await setStudentsActive(db, [john], false);
    expect(await visibleNames(robertUser)).toEqual(["Jane Smith"]);
    expect(await getVisibleStudentProfile(db, robertUser, john)).toBeNull();
  });

  test("archived student hidden from self", async () => {
    await setStudentsActive(db, [john], false);
    expect(await getVisibleStudents(db, johnUser)).toEqual([]);
    expect(await getVisibleStudentProfile(db, johnUser, john)).toBeNull();
  });
});
