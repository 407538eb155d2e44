import { and, asc, count, eq, gte, lt, lte, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import {
  attendance,
  courses,
  enrolments,
  students,
  type AttendanceStatus,
} from "@/db/schema";
import { studentVisibleTo } from "@/lib/access/rule";
import {
  emptyCounts,
  firstDayOf,
  shiftMonth,
  type AttendanceCounts,
  type SchoolMonth,
} from "./rules";

export type CourseOption = { id: number; code: string; name: string };

/** Returns every course, by name, for the manager's course picker. */
export async function getCourseOptions(db: Executor): Promise<CourseOption[]> {
  return db
    .select({ id: courses.id, code: courses.code, name: courses.name })
    .from(courses)
    .orderBy(asc(courses.name), asc(courses.id));
}

export type RegisterRow = {
  studentId: number;
  name: string;
  /** The recorded status, or "present" when nothing is recorded for the date yet. */
  status: AttendanceStatus;
  remark: string;
  recorded: boolean;
};

/**
 * Returns the class register of a course on a date: every active student
 * enrolled in the course with the status recorded for that date, in one query.
 * Students without a record default to present.
 */
export async function getClassRegister(
  db: Executor,
  { courseId, date }: { courseId: number; date: string },
): Promise<RegisterRow[]> {
  const rows = await db
    .select({
      studentId: students.id,
      name: students.name,
      status: attendance.status,
      remark: attendance.remark,
    })
    .from(enrolments)
    .innerJoin(students, eq(students.id, enrolments.studentId))
    .leftJoin(
      attendance,
      and(
        eq(attendance.studentId, students.id),
        eq(attendance.courseId, enrolments.courseId),
        eq(attendance.date, date),
      ),
    )
    .where(and(eq(enrolments.courseId, courseId), eq(students.active, true)))
    .orderBy(asc(students.name), asc(students.id));
  return rows.map((row) => ({
    studentId: row.studentId,
    name: row.name,
    status: row.status ?? "present",
    remark: row.remark ?? "",
    recorded: row.status !== null,
  }));
}

/** Returns the name of a student the user may see under the access rule, or null. */
export async function getVisibleStudentName(
  db: Executor,
  userId: number,
  studentId: number,
): Promise<string | null> {
  const [row] = await db
    .select({ name: students.name })
    .from(students)
    .where(and(eq(students.id, studentId), studentVisibleTo(userId)));
  return row?.name ?? null;
}

export type AttendanceRecord = {
  id: number;
  date: string;
  courseCode: string;
  courseName: string;
  status: AttendanceStatus;
  remark: string | null;
};

/** Returns one student's attendance records in a month, by date then course, in one query. */
export async function getAttendanceOfMonth(
  db: Executor,
  { studentId, month }: { studentId: number; month: SchoolMonth },
): Promise<AttendanceRecord[]> {
  return db
    .select({
      id: attendance.id,
      date: attendance.date,
      courseCode: courses.code,
      courseName: courses.name,
      status: attendance.status,
      remark: attendance.remark,
    })
    .from(attendance)
    .innerJoin(courses, eq(courses.id, attendance.courseId))
    .where(
      and(
        eq(attendance.studentId, studentId),
        gte(attendance.date, firstDayOf(month)),
        lt(attendance.date, firstDayOf(shiftMonth(month, 1))),
      ),
    )
    .orderBy(asc(attendance.date), asc(courses.name));
}

/**
 * Counts one student's records per month and status between two dates (both
 * included), grouped in SQL so the query count does not grow with the records.
 * Returns a map from "YYYY-MM" to counts, holding only months with records.
 */
export async function getMonthlyAttendanceCounts(
  db: Executor,
  { studentId, from, to }: { studentId: number; from: string; to: string },
): Promise<Map<SchoolMonth, AttendanceCounts>> {
  const month = sql<string>`substr(${attendance.date}, 1, 7)`;
  const rows = await db
    .select({ month, status: attendance.status, sessions: count() })
    .from(attendance)
    .where(
      and(
        eq(attendance.studentId, studentId),
        gte(attendance.date, from),
        lte(attendance.date, to),
      ),
    )
    .groupBy(month, attendance.status);
  const byMonth = new Map<SchoolMonth, AttendanceCounts>();
  for (const row of rows) {
    const counts = byMonth.get(row.month) ?? emptyCounts();
    counts[row.status] += row.sessions;
    byMonth.set(row.month, counts);
  }
  return byMonth;
}
