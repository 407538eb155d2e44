import { asc, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { contacts, parentStudents, parents, students, users, type Relationship } from "@/db/schema";
import { matchesSearch } from "@/lib/parents/queries";

export type StudentSummary = {
  id: number;
  name: string;
  email: string | null;
  active: boolean;
  login: string | null;
};

/**
 * Returns the students whose name or email contains `search` (every student
 * when it is empty), sorted by name, with their portal login. One query.
 */
export async function getStudents(
  { search = "" }: { search?: string },
  db: Executor = getDb(),
): Promise<StudentSummary[]> {
  const rows = await db
    .select({
      id: students.id,
      name: students.name,
      email: students.email,
      active: students.active,
      login: users.login,
    })
    .from(students)
    .leftJoin(users, eq(users.id, students.userId))
    .orderBy(asc(students.name), asc(students.id));
  if (!search) return rows;
  return rows.filter((row) => matchesSearch(search, [row.name, row.email]));
}

export type StudentDetail = {
  id: number;
  name: string;
  email: string | null;
  birthDate: string | null;
  active: boolean;
  user: { id: number; login: string; active: boolean; hasPassword: boolean } | null;
};

/** Returns one student with its portal user, or null when not found. */
export async function getStudentById(
  { id }: { id: number },
  db: Executor = getDb(),
): Promise<StudentDetail | null> {
  const [row] = await db
    .select({
      id: students.id,
      name: students.name,
      email: students.email,
      birthDate: students.birthDate,
      active: students.active,
      userId: users.id,
      login: users.login,
      userActive: users.active,
      hasPassword: sql<boolean>`${users.passwordHash} IS NOT NULL`.mapWith(Boolean),
    })
    .from(students)
    .leftJoin(users, eq(users.id, students.userId))
    .where(eq(students.id, id));
  if (!row) return null;
  const { userId, login, userActive, hasPassword, ...student } = row;
  const user =
    userId === null || login === null
      ? null
      : { id: userId, login, active: userActive ?? false, hasPassword };
  return { ...student, user };
}

export type LinkedParent = {
  parentId: number;
  name: string;
  relationship: Relationship;
  active: boolean;
};

/** Returns the parents linked to a student, sorted by name. */
export async function getParentsOfStudent(
  { studentId }: { studentId: number },
  db: Executor = getDb(),
): Promise<LinkedParent[]> {
  return db
    .select({
      parentId: parents.id,
      name: contacts.name,
      relationship: parentStudents.relationship,
      active: parents.active,
    })
    .from(parentStudents)
    .innerJoin(parents, eq(parents.id, parentStudents.parentId))
    .innerJoin(contacts, eq(contacts.id, parents.contactId))
    .where(eq(parentStudents.studentId, studentId))
    .orderBy(asc(contacts.name), asc(parents.id));
}

/** Returns the id and name of every student, sorted by name, for pickers. */
export async function getStudentNames(
  db: Executor = getDb(),
): Promise<{ id: number; name: string }[]> {
  return db
    .select({ id: students.id, name: students.name })
    .from(students)
    .orderBy(asc(students.name), asc(students.id));
}

/** Returns whether a student record with this id exists. */
export async function studentExists(
  { id }: { id: number },
  db: Executor = getDb(),
): Promise<boolean> {
  const [row] = await db.select({ id: students.id }).from(students).where(eq(students.id, id));
  return row !== undefined;
}
