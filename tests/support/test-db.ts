import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { openDatabase, writeTransaction, type Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { users, type Relationship } from "@/db/schema";
import { createParentUser } from "@/lib/parents/create-parent-user";
import { createParent, type StudentLink } from "@/lib/parents/mutations";
import { createStudent, createStudentUser } from "@/lib/students/mutations";

export type TestDatabase = {
  db: Database;
  /** The libSQL URL, so a test can open a second connection to the same file. */
  url: string;
  /** Closes `db` and deletes the temporary directory with the database files. */
  cleanup: () => Promise<void>;
};

/**
 * Creates a migrated libSQL database in a new temporary directory. A `file:`
 * database is used because ":memory:" gives each connection its own empty
 * database, and libSQL runs each transaction on a connection of its own.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "parent-portal-test-"));
  const url = `file:${path.join(dir, "test.db")}`;
  const db = openDatabase(url);
  await migrateDatabase(db);
  return {
    db,
    url,
    cleanup: async () => {
      db.$client.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Counts the rows of a table with raw SQL, so the count does not depend on project code. */
export async function countRows(db: Database, table: string): Promise<number> {
  const result = await db.$client.execute(`SELECT count(*) AS n FROM "${table}"`);
  return Number(result.rows[0].n);
}

export type ParentInput = {
  name: string;
  email?: string | null;
  contactEmail?: string | null;
  active?: boolean;
};

/** Inserts a parent and its contact through createParent, linked to the given students. */
export function insertParent(
  db: Database,
  input: ParentInput,
  studentIds: number[] = [],
  relationship: Relationship = "guardian",
): Promise<number> {
  const links: StudentLink[] = studentIds.map((studentId) => ({ studentId, relationship }));
  return createParent(
    db,
    {
      name: input.name,
      email: input.email ?? null,
      contactEmail: input.contactEmail ?? null,
      phone: null,
      active: input.active ?? true,
    },
    links,
  );
}

export type StudentInput = {
  name: string;
  email?: string | null;
  active?: boolean;
};

/** Inserts a student without a portal user through createStudent. */
export function insertStudent(db: Database, input: StudentInput): Promise<number> {
  return createStudent(db, {
    name: input.name,
    email: input.email ?? null,
    birthDate: null,
    active: input.active ?? true,
  });
}

/** Inserts a student and creates its portal user from `email` through createStudentUser. */
export async function insertStudentWithUser(
  db: Database,
  input: StudentInput & { email: string },
): Promise<{ studentId: number; userId: number }> {
  const studentId = await insertStudent(db, input);
  const result = await createStudentUser(db, studentId);
  if (result.status !== "created") {
    throw new Error(`createStudentUser for "${input.email}" returned ${result.status}`);
  }
  return { studentId, userId: result.userId };
}

/** Creates the portal user of an existing parent through createParentUser. */
export async function createUserForParent(db: Database, parentId: number): Promise<number> {
  const result = await createParentUser(db, { parentId });
  if (result.status !== "created") {
    throw new Error(`createParentUser for parent ${parentId} returned ${result.status}`);
  }
  return result.userId;
}

/**
 * Inserts a manager user directly, because the project has no function that
 * creates staff accounts (the demo seed inserts its manager the same way).
 */
export async function insertManager(db: Database, login: string, name = "Test Manager"): Promise<number> {
  const [row] = await writeTransaction(db, (tx) =>
    tx.insert(users).values({ login, name, role: "manager" }).returning({ id: users.id }),
  );
  return row.id;
}

/** Finds a user's id by login, or throws when no such user exists. */
export async function getUserIdByLogin(db: Database, login: string): Promise<number> {
  const row = await db.query.users.findFirst({ where: eq(users.login, login) });
  if (!row) throw new Error(`No user with login "${login}"`);
  return row.id;
}

/** Reads the child_ids stored in user_children for a parent user, sorted. */
export async function storedChildIds(db: Database, parentUserId: number): Promise<number[]> {
  const result = await db.run(
    sql`SELECT child_user_id AS id FROM user_children WHERE parent_user_id = ${parentUserId} ORDER BY child_user_id`,
  );
  return result.rows.map((row) => Number(row.id));
}

/**
 * Computes the child_ids a parent user should have with raw SQL on the source
 * tables, independently of lib/access/child-sync.ts. They are the users of the
 * active students linked to any active parent record that uses the account.
 */
export async function expectedChildIds(db: Database, parentUserId: number): Promise<number[]> {
  const result = await db.$client.execute({
    sql: `
      SELECT DISTINCT s.user_id AS id
      FROM parents p
      JOIN parent_students ps ON ps.parent_id = p.id
      JOIN students s ON s.id = ps.student_id
      WHERE p.user_id = ?
        AND p.active = 1
        AND s.active = 1
        AND s.user_id IS NOT NULL
        AND s.user_id <> p.user_id
      ORDER BY s.user_id`,
    args: [parentUserId],
  });
  return result.rows.map((row) => Number(row.id));
}
