import { and, eq, inArray, sql } from "drizzle-orm";
import { writeTransaction, type Database, type Transaction } from "@/db/client";
import { parentStudents, students, users, type Relationship } from "@/db/schema";
import { getParentUserIdsOfStudents, syncChildIds } from "@/lib/access/child-sync";
import { queueInvitation } from "@/lib/invitations";
import { normalizeLogin } from "@/lib/login";
import { isUniqueViolation } from "@/lib/sqlite-errors";

export type StudentFields = {
  name: string;
  email: string | null;
  birthDate: string | null;
  active: boolean;
};

export type ParentLink = { parentId: number; relationship: Relationship };

export async function createStudent(db: Database, fields: StudentFields): Promise<number> {
  // Through writeTransaction like every other write, so it waits behind other
  // requests' transactions instead of blocking on the lock and failing with SQLITE_BUSY.
  return writeTransaction(db, async (tx) => {
    const [row] = await tx.insert(students).values(fields).returning({ id: students.id });
    return row.id;
  });
}

/** Updates a student's details; archiving (active = false) hides the student from parents. */
export async function updateStudent(
  db: Database,
  studentId: number,
  fields: StudentFields,
): Promise<boolean> {
  return writeTransaction(db, async (tx) => {
    const [row] = await tx
      .update(students)
      .set(fields)
      .where(eq(students.id, studentId))
      .returning({ id: students.id });
    if (!row) return false;
    await syncChildIds(tx, await getParentUserIdsOfStudents(tx, [studentId]));
    return true;
  });
}

/** Replaces the parents linked to a student, from the student's side. */
export async function setStudentParents(
  db: Database,
  studentId: number,
  links: ParentLink[],
): Promise<boolean> {
  return writeTransaction(db, async (tx) => {
    const student = await tx.query.students.findFirst({ where: eq(students.id, studentId) });
    if (!student) return false;
    const before = await getParentUserIdsOfStudents(tx, [studentId]);
    await tx.delete(parentStudents).where(eq(parentStudents.studentId, studentId));
    if (links.length > 0) {
      await tx.insert(parentStudents).values(links.map((link) => ({ ...link, studentId })));
    }
    const after = await getParentUserIdsOfStudents(tx, [studentId]);
    await syncChildIds(tx, [...before, ...after]);
    return true;
  });
}

/** Archives or restores several students at once. */
export async function setStudentsActive(
  db: Database,
  studentIds: number[],
  active: boolean,
): Promise<void> {
  if (studentIds.length === 0) return;
  await writeTransaction(db, async (tx) => {
    await tx.update(students).set({ active }).where(inArray(students.id, studentIds));
    await syncChildIds(tx, await getParentUserIdsOfStudents(tx, studentIds));
  });
}

/** Deletes students; their portal users are deactivated, since nothing else uses them. */
export async function deleteStudents(db: Database, studentIds: number[]): Promise<void> {
  if (studentIds.length === 0) return;
  await writeTransaction(db, async (tx) => {
    const affected = await getParentUserIdsOfStudents(tx, studentIds);
    const rows = await tx
      .select({ userId: students.userId })
      .from(students)
      .where(inArray(students.id, studentIds));
    await tx.delete(students).where(inArray(students.id, studentIds));
    await deactivateUsers(tx, rows.map((row) => row.userId));
    await syncChildIds(tx, affected);
  });
}

async function deactivateUsers(tx: Transaction, userIds: (number | null)[]) {
  const ids = userIds.filter((id): id is number => id !== null);
  if (ids.length === 0) return;
  await tx
    .update(users)
    .set({ active: false, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(inArray(users.id, ids), eq(users.isParent, false)));
}

/**
 * Points a student at another portal user, or at none, and re-syncs the
 * child_ids of every parent of that student. The old user is deactivated so
 * it can no longer log in as the student.
 */
export async function setStudentUser(
  tx: Transaction,
  studentId: number,
  userId: number | null,
): Promise<void> {
  const student = await tx.query.students.findFirst({ where: eq(students.id, studentId) });
  if (!student) throw new Error(`Student ${studentId} not found`);
  await tx.update(students).set({ userId }).where(eq(students.id, studentId));
  if (student.userId !== null && student.userId !== userId) {
    await deactivateUsers(tx, [student.userId]);
  }
  await syncChildIds(tx, await getParentUserIdsOfStudents(tx, [studentId]));
}

export type CreateStudentUserResult =
  | { status: "created"; userId: number; login: string; outboxId: number }
  | { status: "already_has_user"; login: string }
  | { status: "student_not_found" }
  | { status: "no_email" }
  | { status: "invalid_email"; message: string }
  | { status: "login_exists"; login: string; accountName: string };

/**
 * Creates a student's portal user from the student's email, links it, queues
 * its invitation and adds it to the child_ids of the student's parents. A
 * student that had a user before (see removeStudentUser) gets a new one.
 */
export async function createStudentUser(
  db: Database,
  studentId: number,
  now = new Date(),
): Promise<CreateStudentUserResult> {
  try {
    return await createStudentUserOnce(db, studentId, now);
  } catch (error) {
    // Another process inserted the same login between the check and the insert.
    if (!isUniqueViolation(error)) throw error;
    return createStudentUserOnce(db, studentId, now);
  }
}

function createStudentUserOnce(
  db: Database,
  studentId: number,
  now: Date,
): Promise<CreateStudentUserResult> {
  return writeTransaction(db, async (tx) => {
      const student = await tx.query.students.findFirst({ where: eq(students.id, studentId) });
      if (!student) return { status: "student_not_found" } as const;
      if (student.userId !== null) {
        const user = await tx.query.users.findFirst({ where: eq(users.id, student.userId) });
        return { status: "already_has_user", login: user?.login ?? "" } as const;
      }
      if (!student.email?.trim()) return { status: "no_email" } as const;
      const normalized = normalizeLogin(student.email);
      if (!normalized.ok) return { status: "invalid_email", message: normalized.message } as const;
      const login = normalized.login;
      const existing = await tx.query.users.findFirst({ where: eq(users.login, login) });
      let userId: number;
      if (existing && (await isRetiredStudentUser(tx, existing))) {
        // The student's earlier account, deactivated by removeStudentUser: it
        // starts over with no password and no open sessions.
        await tx
          .update(users)
          .set({
            active: true,
            name: student.name,
            passwordHash: null,
            sessionVersion: sql`${users.sessionVersion} + 1`,
          })
          .where(eq(users.id, existing.id));
        userId = existing.id;
      } else if (existing) {
        return { status: "login_exists", login, accountName: existing.name } as const;
      } else {
        const [user] = await tx
          .insert(users)
          .values({ login, name: student.name, role: "portal", isParent: false, createdAt: now })
          .returning({ id: users.id });
        userId = user.id;
      }
      await setStudentUser(tx, studentId, userId);
      const outboxId = await queueInvitation(tx, userId, now);
      return { status: "created", userId, login, outboxId } as const;
  });
}

/** Checks whether a user is a deactivated student account that no student uses any more. */
async function isRetiredStudentUser(
  tx: Transaction,
  user: typeof users.$inferSelect,
): Promise<boolean> {
  if (user.active || user.role !== "portal" || user.isParent) return false;
  const owner = await tx.query.students.findFirst({
    where: eq(students.userId, user.id),
    columns: { id: true },
  });
  return owner === undefined;
}

/** Unlinks and deactivates a student's portal user; parents stop seeing the student. */
export async function removeStudentUser(db: Database, studentId: number): Promise<boolean> {
  return writeTransaction(db, async (tx) => {
    const student = await tx.query.students.findFirst({ where: eq(students.id, studentId) });
    if (!student || student.userId === null) return false;
    await setStudentUser(tx, studentId, null);
    return true;
  });
}
