import { and, eq, inArray, sql } from "drizzle-orm";
import { writeTransaction, type Database, type Transaction } from "@/db/client";
import { parentStudents, students, users, type Relationship } from "@/db/schema";
import { getParentUserIdsOfStudents, syncChildIds } from "@/lib/access/child-sync";
import { linkChangeEvents, readLinks } from "@/lib/audit/links";
import { recordAudit, type AuditEventInput } from "@/lib/audit/record";
import {
  activeChangeEvents,
  deleteEvents,
  readStudentStates,
} from "@/lib/audit/record-states";
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
    const before = await readStudentStates(tx, [studentId]);
    const [row] = await tx
      .update(students)
      .set(fields)
      .where(eq(students.id, studentId))
      .returning({ id: students.id });
    if (!row) return false;
    await recordAudit(
      tx,
      activeChangeEvents(
        "student",
        before.map((state) => ({ ...state, name: fields.name })),
        fields.active,
      ),
    );
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
    const linksBefore = await readLinks(tx, { studentIds: [studentId] });
    await tx.delete(parentStudents).where(eq(parentStudents.studentId, studentId));
    if (links.length > 0) {
      await tx.insert(parentStudents).values(links.map((link) => ({ ...link, studentId })));
    }
    const linksAfter = await readLinks(tx, { studentIds: [studentId] });
    await recordAudit(tx, linkChangeEvents(linksBefore, linksAfter));
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
    const before = await readStudentStates(tx, studentIds);
    await tx.update(students).set({ active }).where(inArray(students.id, studentIds));
    await recordAudit(tx, activeChangeEvents("student", before, active));
    await syncChildIds(tx, await getParentUserIdsOfStudents(tx, studentIds));
  });
}

/** Deletes students; their portal users are deactivated, since nothing else uses them. */
export async function deleteStudents(db: Database, studentIds: number[]): Promise<void> {
  if (studentIds.length === 0) return;
  await writeTransaction(db, async (tx) => {
    const affected = await getParentUserIdsOfStudents(tx, studentIds);
    const before = await readStudentStates(tx, studentIds);
    const links = await readLinks(tx, { studentIds });
    const rows = await tx
      .select({ userId: students.userId })
      .from(students)
      .where(inArray(students.id, studentIds));
    await tx.delete(students).where(inArray(students.id, studentIds));
    await recordAudit(tx, [...linkChangeEvents(links, []), ...deleteEvents("student", before)]);
    await deactivateUsers(tx, rows.map((row) => row.userId), "its student was deleted");
    await syncChildIds(tx, affected);
  });
}

/** Deactivates student portal users and records user.deactivated, giving `reason`, for each active one. */
async function deactivateUsers(tx: Transaction, userIds: (number | null)[], reason: string) {
  const ids = userIds.filter((id): id is number => id !== null);
  if (ids.length === 0) return;
  const deactivated = await tx
    .update(users)
    .set({ active: false, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(inArray(users.id, ids), eq(users.isParent, false), eq(users.active, true)))
    .returning({ id: users.id, login: users.login });
  await recordAudit(
    tx,
    deactivated.map((user) => ({
      action: "user.deactivated",
      summary: `Deactivated portal user ${user.login} because ${reason}`,
      userId: user.id,
      before: { active: true },
      after: { active: false },
    })),
  );
}

/** Builds student_user.created, .removed or .replaced for a student's change of portal user. */
function studentUserEvent(
  student: { id: number; name: string },
  oldLogin: string | null,
  newUser: { id: number; login: string } | null,
  oldUserId: number | null,
): AuditEventInput {
  const before = { portalUser: oldLogin };
  const after = { portalUser: newUser?.login ?? null };
  if (oldLogin === null) {
    return {
      action: "student_user.created",
      summary: `Gave student ${student.name} the portal user ${newUser?.login}`,
      userId: newUser?.id,
      studentId: student.id,
      before,
      after,
    };
  }
  if (newUser === null) {
    return {
      action: "student_user.removed",
      summary: `Removed the portal user ${oldLogin} from student ${student.name}`,
      userId: oldUserId,
      studentId: student.id,
      before,
      after,
    };
  }
  return {
    action: "student_user.replaced",
    summary: `Replaced student ${student.name}'s portal user ${oldLogin} with ${newUser.login}`,
    userId: newUser.id,
    studentId: student.id,
    before,
    after,
  };
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
  const userIds = [student.userId, userId].filter((id): id is number => id !== null);
  const logins =
    userIds.length > 0
      ? await tx.select({ id: users.id, login: users.login }).from(users).where(inArray(users.id, userIds))
      : [];
  const loginOf = (id: number | null) => logins.find((user) => user.id === id)?.login ?? null;
  await tx.update(students).set({ userId }).where(eq(students.id, studentId));
  if (student.userId !== userId) {
    const newUser = userId === null ? null : { id: userId, login: loginOf(userId) ?? "" };
    await recordAudit(tx, [studentUserEvent(student, loginOf(student.userId), newUser, student.userId)]);
  }
  if (student.userId !== null && student.userId !== userId) {
    await deactivateUsers(tx, [student.userId], `student ${student.name} no longer uses it`);
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
        await recordAudit(tx, [
          {
            action: "user.reactivated",
            summary: `Reactivated portal user ${login} for student ${student.name}, with no password until the invitation is accepted`,
            userId: existing.id,
            studentId,
            before: { active: false },
            after: { active: true },
          },
        ]);
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
