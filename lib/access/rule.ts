import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import {
  courses,
  enrolments,
  parentStudents,
  parents,
  students,
  userChildren,
} from "@/db/schema";

/**
 * Builds the access rule as a condition on `students`. A user may see an active
 * student whose portal user is the user itself or one of the user's child_ids.
 */
export function studentVisibleTo(userId: number) {
  return and(
    eq(students.active, true),
    or(
      eq(students.userId, userId),
      inArray(
        students.userId,
        sql`(SELECT ${userChildren.childUserId} FROM ${userChildren} WHERE ${userChildren.parentUserId} = ${userId})`,
      ),
    ),
  );
}

export type VisibleStudent = {
  id: number;
  name: string;
  email: string | null;
  birthDate: string | null;
  isSelf: boolean;
  /** The relationships recorded on this user's parent records, e.g. "father". */
  relationships: string[];
};

/** Relationship labels per student id, from the parent records that use this account. */
async function getRelationshipsByStudent(db: Executor, userId: number, studentIds: number[]) {
  const byStudent = new Map<number, string[]>();
  if (studentIds.length === 0) return byStudent;
  const rows = await db
    .selectDistinct({
      studentId: parentStudents.studentId,
      relationship: parentStudents.relationship,
    })
    .from(parentStudents)
    .innerJoin(parents, eq(parents.id, parentStudents.parentId))
    .where(and(eq(parents.userId, userId), inArray(parentStudents.studentId, studentIds)));
  for (const row of rows) {
    byStudent.set(row.studentId, [...(byStudent.get(row.studentId) ?? []), row.relationship]);
  }
  return byStudent;
}

/** Returns every student the user may see, in two queries however many there are. */
export async function getVisibleStudents(
  db: Executor,
  userId: number,
): Promise<VisibleStudent[]> {
  const rows = await db
    .select({
      id: students.id,
      name: students.name,
      email: students.email,
      birthDate: students.birthDate,
      userId: students.userId,
    })
    .from(students)
    .where(studentVisibleTo(userId))
    .orderBy(asc(students.name), asc(students.id));
  const relationships = await getRelationshipsByStudent(
    db,
    userId,
    rows.map((row) => row.id),
  );
  return rows.map(({ userId: studentUserId, ...row }) => ({
    ...row,
    isSelf: studentUserId === userId,
    relationships: relationships.get(row.id) ?? [],
  }));
}

/** Returns the ids of the students the user may see, for the edge middleware. */
export async function getVisibleStudentIds(db: Executor, userId: number): Promise<number[]> {
  const rows = await db
    .select({ id: students.id })
    .from(students)
    .where(studentVisibleTo(userId));
  return rows.map((row) => row.id);
}

/** Checks whether the access rule lets a user see one student, in one query. */
export async function isStudentVisible(
  db: Executor,
  userId: number,
  studentId: number,
): Promise<boolean> {
  const [row] = await db
    .select({ id: students.id })
    .from(students)
    .where(and(eq(students.id, studentId), studentVisibleTo(userId)));
  return row !== undefined;
}

export type StudentProfile = VisibleStudent & {
  courses: { id: number; code: string; name: string; startDate: string | null }[];
};

/**
 * One student's profile and courses, or null when the student does not exist
 * or the rule hides it from this user; callers respond to both with not found.
 */
export async function getVisibleStudentProfile(
  db: Executor,
  userId: number,
  studentId: number,
): Promise<StudentProfile | null> {
  const [student] = await db
    .select({
      id: students.id,
      name: students.name,
      email: students.email,
      birthDate: students.birthDate,
      userId: students.userId,
    })
    .from(students)
    .where(and(eq(students.id, studentId), studentVisibleTo(userId)));
  if (!student) return null;
  const [relationships, courseRows] = await Promise.all([
    getRelationshipsByStudent(db, userId, [studentId]),
    db
      .select({
        id: courses.id,
        code: courses.code,
        name: courses.name,
        startDate: enrolments.startDate,
      })
      .from(enrolments)
      .innerJoin(courses, eq(courses.id, enrolments.courseId))
      .where(eq(enrolments.studentId, studentId))
      .orderBy(asc(courses.name)),
  ]);
  const { userId: studentUserId, ...rest } = student;
  return {
    ...rest,
    isSelf: studentUserId === userId,
    relationships: relationships.get(studentId) ?? [],
    courses: courseRows,
  };
}
