import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { writeTransaction, type Database, type Executor, type Transaction } from "@/db/client";
import { announcements, courses, students, users, type AnnouncementScope } from "@/db/schema";

export const ANNOUNCEMENT_TITLE_MAX = 120;
export const ANNOUNCEMENT_BODY_MAX = 2000;

export type AnnouncementInput =
  | { scope: "school"; title: string; body: string }
  | { scope: "course"; courseId: number; title: string; body: string }
  | { scope: "student"; studentId: number; title: string; body: string };

export type PostAnnouncementResult =
  | { status: "posted"; announcementId: number; notified: number }
  | { status: "course_not_found" }
  | { status: "student_not_found" };

/**
 * Selects (user_id, student_id) for every active portal user who may see one
 * of the active students matching `studentFilter`: the student's own user and
 * the parent users whose child_ids contain it. Inactive users are removed by
 * the caller's join on users.
 */
function recipientsOfStudentsSql(studentFilter: SQL): SQL {
  return sql`
    SELECT s.user_id AS user_id, s.id AS student_id
    FROM students s
    WHERE s.active = 1 AND s.user_id IS NOT NULL AND ${studentFilter}
    UNION
    SELECT uc.parent_user_id AS user_id, s.id AS student_id
    FROM students s
    JOIN user_children uc ON uc.child_user_id = s.user_id
    WHERE s.active = 1 AND ${studentFilter}`;
}

/**
 * Inserts one "announcement" notification per recipient with INSERT … SELECT,
 * so the fan-out costs one statement however many families it reaches.
 * Returns the number of notifications inserted.
 */
async function fanOutAnnouncement(
  tx: Transaction,
  input: AnnouncementInput,
  now: Date,
): Promise<number> {
  const createdAt = now.getTime();
  if (input.scope === "school") {
    const result = await tx.run(sql`
      INSERT INTO notifications (user_id, student_id, kind, title, body, link, created_at)
      SELECT u.id, NULL, 'announcement', ${input.title}, ${input.body}, NULL, ${createdAt}
      FROM users u
      WHERE u.role = 'portal' AND u.active = 1`);
    return result.rowsAffected;
  }
  const studentFilter =
    input.scope === "course"
      ? sql`s.id IN (SELECT e.student_id FROM enrolments e WHERE e.course_id = ${input.courseId})`
      : sql`s.id = ${input.studentId}`;
  // One row per user: a parent with two children in the course gets one
  // notification, about the child when there is exactly one, else about none.
  const result = await tx.run(sql`
    INSERT INTO notifications (user_id, student_id, kind, title, body, link, created_at)
    SELECT r.user_id,
           CASE WHEN COUNT(DISTINCT r.student_id) = 1 THEN MIN(r.student_id) END,
           'announcement', ${input.title}, ${input.body}, NULL, ${createdAt}
    FROM (${recipientsOfStudentsSql(studentFilter)}) r
    JOIN users u ON u.id = r.user_id
    WHERE u.role = 'portal' AND u.active = 1
    GROUP BY r.user_id`);
  return result.rowsAffected;
}

/**
 * Stores an announcement and, in the same transaction, raises its
 * notifications. A course or student that does not exist, and an archived
 * student, are reported instead of posting.
 */
export async function postAnnouncement(
  db: Database,
  input: AnnouncementInput,
  createdBy: number | null,
  now = new Date(),
): Promise<PostAnnouncementResult> {
  return writeTransaction(db, async (tx) => {
    if (input.scope === "course") {
      const course = await tx.query.courses.findFirst({ where: eq(courses.id, input.courseId) });
      if (!course) return { status: "course_not_found" };
    }
    if (input.scope === "student") {
      const student = await tx.query.students.findFirst({
        where: and(eq(students.id, input.studentId), eq(students.active, true)),
      });
      if (!student) return { status: "student_not_found" };
    }
    const [row] = await tx
      .insert(announcements)
      .values({
        scope: input.scope,
        courseId: input.scope === "course" ? input.courseId : null,
        studentId: input.scope === "student" ? input.studentId : null,
        title: input.title,
        body: input.body,
        createdBy,
        createdAt: now,
      })
      .returning({ id: announcements.id });
    const notified = await fanOutAnnouncement(tx, input, now);
    return { status: "posted", announcementId: row.id, notified };
  });
}

export type AnnouncementSummary = {
  id: number;
  scope: AnnouncementScope;
  courseName: string | null;
  courseCode: string | null;
  studentName: string | null;
  title: string;
  body: string;
  authorName: string | null;
  createdAt: Date;
};

/** Returns the newest announcements with their audience and author, in one query. */
export async function getRecentAnnouncements(
  db: Executor,
  { limit }: { limit: number },
): Promise<AnnouncementSummary[]> {
  const author = alias(users, "author");
  return db
    .select({
      id: announcements.id,
      scope: announcements.scope,
      courseName: courses.name,
      courseCode: courses.code,
      studentName: students.name,
      title: announcements.title,
      body: announcements.body,
      authorName: author.name,
      createdAt: announcements.createdAt,
    })
    .from(announcements)
    .leftJoin(courses, eq(courses.id, announcements.courseId))
    .leftJoin(students, eq(students.id, announcements.studentId))
    .leftJoin(author, eq(author.id, announcements.createdBy))
    .orderBy(desc(announcements.id))
    .limit(limit);
}

/** Returns the courses and active students a manager can address, in two queries. */
export async function getAnnouncementAudiences(db: Executor) {
  const [courseRows, studentRows] = await Promise.all([
    db
      .select({ id: courses.id, code: courses.code, name: courses.name })
      .from(courses)
      .orderBy(asc(courses.code)),
    db
      .select({ id: students.id, name: students.name })
      .from(students)
      .where(eq(students.active, true))
      .orderBy(asc(students.name), asc(students.id)),
  ]);
  return { courses: courseRows, students: studentRows };
}
