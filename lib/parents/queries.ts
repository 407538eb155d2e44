import { asc, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import {
  contacts,
  parentStudents,
  parents,
  students,
  users,
  type Relationship,
} from "@/db/schema";
import { getInvitationStatuses, type InvitationStatus } from "@/lib/email/queries";

/**
 * Returns whether any of `values` contains `search`, ignoring case. The comparison is
 * done here rather than in SQL because SQLite's LIKE and lower() fold only
 * ASCII letters, so "élodie" would not find "Élodie".
 */
export function matchesSearch(search: string, values: (string | null)[]): boolean {
  const needle = search.normalize("NFC").toLowerCase();
  return values.some((value) => value?.normalize("NFC").toLowerCase().includes(needle));
}

export type ParentSummary = {
  id: number;
  name: string;
  /** The parent's own email, else the contact's email. */
  email: string | null;
  active: boolean;
  userId: number | null;
  login: string | null;
  studentNames: string[];
  invitation: InvitationStatus | null;
};

/**
 * Returns the parents whose name or email contains `search` (every parent
 * when it is empty), sorted by name, with their students and invitation
 * status. It runs five queries however many parents match.
 */
export async function getParents(
  { search = "" }: { search?: string },
  db: Executor = getDb(),
): Promise<ParentSummary[]> {
  const allRows = await db
    .select({
      id: parents.id,
      name: contacts.name,
      ownEmail: parents.email,
      contactEmail: contacts.email,
      active: parents.active,
      userId: parents.userId,
      login: users.login,
    })
    .from(parents)
    .innerJoin(contacts, eq(contacts.id, parents.contactId))
    .leftJoin(users, eq(users.id, parents.userId))
    .orderBy(asc(contacts.name), asc(parents.id));
  const rows = search
    ? allRows.filter((row) => matchesSearch(search, [row.name, row.ownEmail, row.contactEmail]))
    : allRows;
  if (rows.length === 0) return [];

  const parentIds = rows.map((row) => row.id);
  const userIds = rows.flatMap((row) => (row.userId === null ? [] : [row.userId]));
  const [links, invitations] = await Promise.all([
    db
      .select({ parentId: parentStudents.parentId, name: students.name })
      .from(parentStudents)
      .innerJoin(students, eq(students.id, parentStudents.studentId))
      .where(inArray(parentStudents.parentId, parentIds))
      .orderBy(asc(students.name)),
    getInvitationStatuses({ userIds }, db),
  ]);
  const namesByParent = new Map<number, string[]>();
  for (const link of links) {
    namesByParent.set(link.parentId, [...(namesByParent.get(link.parentId) ?? []), link.name]);
  }

  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.ownEmail || row.contactEmail,
    active: row.active,
    userId: row.userId,
    login: row.login,
    studentNames: namesByParent.get(row.id) ?? [],
    invitation: row.userId === null ? null : (invitations.get(row.userId) ?? null),
  }));
}

export type ParentDetail = {
  id: number;
  name: string;
  email: string | null;
  contactEmail: string | null;
  phone: string | null;
  active: boolean;
  user: { id: number; login: string; active: boolean; hasPassword: boolean } | null;
};

/** Returns one parent with its contact details and portal user, or null when not found. */
export async function getParentById(
  { id }: { id: number },
  db: Executor = getDb(),
): Promise<ParentDetail | null> {
  const [row] = await db
    .select({
      id: parents.id,
      name: contacts.name,
      email: parents.email,
      contactEmail: contacts.email,
      phone: contacts.phone,
      active: parents.active,
      userId: users.id,
      login: users.login,
      userActive: users.active,
      hasPassword: sql<boolean>`${users.passwordHash} IS NOT NULL`.mapWith(Boolean),
    })
    .from(parents)
    .innerJoin(contacts, eq(contacts.id, parents.contactId))
    .leftJoin(users, eq(users.id, parents.userId))
    .where(eq(parents.id, id));
  if (!row) return null;
  const { userId, login, userActive, hasPassword, ...parent } = row;
  const user =
    userId === null || login === null
      ? null
      : { id: userId, login, active: userActive ?? false, hasPassword };
  return { ...parent, user };
}

export type LinkedStudent = {
  studentId: number;
  name: string;
  relationship: Relationship;
  active: boolean;
  login: string | null;
};

/** Returns the students linked to a parent, sorted by name, with each student's portal login. */
export async function getStudentsOfParent(
  { parentId }: { parentId: number },
  db: Executor = getDb(),
): Promise<LinkedStudent[]> {
  return db
    .select({
      studentId: students.id,
      name: students.name,
      relationship: parentStudents.relationship,
      active: students.active,
      login: users.login,
    })
    .from(parentStudents)
    .innerJoin(students, eq(students.id, parentStudents.studentId))
    .leftJoin(users, eq(users.id, students.userId))
    .where(eq(parentStudents.parentId, parentId))
    .orderBy(asc(students.name), asc(students.id));
}

/** Returns whether a parent record with this id exists. */
export async function parentExists(
  { id }: { id: number },
  db: Executor = getDb(),
): Promise<boolean> {
  const [row] = await db
    .select({ id: parents.id })
    .from(parents)
    .where(eq(parents.id, id));
  return row !== undefined;
}
