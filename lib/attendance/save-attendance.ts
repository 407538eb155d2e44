import { and, eq, inArray, sql } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { writeTransaction, type Database } from "@/db/client";
import {
  attendance,
  courses,
  enrolments,
  students,
  type AttendanceStatus,
} from "@/db/schema";
import { raiseStudentNotifications, type StudentEvent } from "@/lib/notifications/raise";
import { formatSchoolDate, schoolToday } from "@/lib/school-calendar";
import { schoolMonthOf } from "./rules";

export type AttendanceEntry = {
  studentId: number;
  status: AttendanceStatus;
  /** Null when the manager left the remark empty. */
  remark: string | null;
};

export type SaveAttendanceInput = {
  courseId: number;
  /** School-local YYYY-MM-DD, already checked to be a real date. */
  date: string;
  entries: AttendanceEntry[];
  /** The manager's user id, stored as recorded_by. */
  recordedBy: number;
};

export type SaveAttendanceResult =
  | {
      status: "saved";
      courseName: string;
      saved: number;
      absent: number;
      /** Students whose status became absent with this save; their families were notified. */
      newlyAbsent: number;
    }
  | { status: "course_not_found" }
  | { status: "future_date"; today: string }
  | { status: "no_entries" }
  /** Some students are not active students enrolled in the course; nothing was saved. */
  | { status: "not_enrolled"; studentIds: number[] };

/** Refers to the value an upsert tried to insert into `column`. */
function excluded(column: AnySQLiteColumn) {
  return sql`excluded.${sql.identifier(column.name)}`;
}

function absenceEvent(
  student: { id: number; name: string },
  course: { name: string },
  date: string,
  remark: string | null,
): StudentEvent {
  const remarkSentence = remark ? ` Remark: ${remark}` : "";
  return {
    studentId: student.id,
    kind: "absence",
    title: `${student.name} was marked absent`,
    body: `${course.name} on ${formatSchoolDate(date)}.${remarkSentence}`,
    link: `/portal/students/${student.id}/attendance?month=${schoolMonthOf(date)}`,
  };
}

/**
 * Records the attendance of a class on one date in one transaction: one row
 * per student, course and date, inserted or updated in place. Each student
 * whose status becomes absent (and was not absent already) raises an
 * "absence" notification for their parents and themselves in the same
 * transaction, so saving the same register twice notifies once.
 */
export async function saveAttendance(
  db: Database,
  input: SaveAttendanceInput,
  now = new Date(),
): Promise<SaveAttendanceResult> {
  const today = schoolToday(now);
  if (input.date > today) return { status: "future_date", today };
  if (input.entries.length === 0) return { status: "no_entries" };

  return writeTransaction(db, async (tx) => {
    const [course] = await tx
      .select({ id: courses.id, name: courses.name })
      .from(courses)
      .where(eq(courses.id, input.courseId));
    if (!course) return { status: "course_not_found" } as const;

    const studentIds = input.entries.map((entry) => entry.studentId);
    const enrolled = await tx
      .select({ id: students.id, name: students.name })
      .from(enrolments)
      .innerJoin(students, eq(students.id, enrolments.studentId))
      .where(
        and(
          eq(enrolments.courseId, course.id),
          eq(students.active, true),
          inArray(students.id, studentIds),
        ),
      );
    const enrolledById = new Map(enrolled.map((student) => [student.id, student]));
    const notEnrolledIds = studentIds.filter((id) => !enrolledById.has(id));
    if (notEnrolledIds.length > 0) return { status: "not_enrolled", studentIds: notEnrolledIds } as const;

    const previous = await tx
      .select({ studentId: attendance.studentId, status: attendance.status })
      .from(attendance)
      .where(
        and(
          eq(attendance.courseId, course.id),
          eq(attendance.date, input.date),
          inArray(attendance.studentId, studentIds),
        ),
      );
    const previousStatus = new Map(previous.map((row) => [row.studentId, row.status]));

    await tx
      .insert(attendance)
      .values(
        input.entries.map((entry) => ({
          studentId: entry.studentId,
          courseId: course.id,
          date: input.date,
          status: entry.status,
          remark: entry.remark,
          recordedBy: input.recordedBy,
          recordedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [attendance.studentId, attendance.courseId, attendance.date],
        set: {
          status: excluded(attendance.status),
          remark: excluded(attendance.remark),
          recordedBy: excluded(attendance.recordedBy),
          recordedAt: excluded(attendance.recordedAt),
        },
      });

    const newlyAbsent = input.entries.filter(
      (entry) => entry.status === "absent" && previousStatus.get(entry.studentId) !== "absent",
    );
    await raiseStudentNotifications(
      tx,
      newlyAbsent.map((entry) =>
        absenceEvent(enrolledById.get(entry.studentId)!, course, input.date, entry.remark),
      ),
      now,
    );

    return {
      status: "saved",
      courseName: course.name,
      saved: input.entries.length,
      absent: input.entries.filter((entry) => entry.status === "absent").length,
      newlyAbsent: newlyAbsent.length,
    } as const;
  });
}
