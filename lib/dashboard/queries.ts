import { and, asc, count, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import {
  attendance,
  courses,
  exams,
  fees,
  notifications,
  payments,
  results,
  subjects,
  type AttendanceStatus,
} from "@/db/schema";
import { getVisibleStudents, type VisibleStudent } from "@/lib/access/rule";
import { attendanceRate, emptyCounts, type AttendanceCounts } from "@/lib/attendance/rules";
import { feeStateOn, outstandingMinor } from "@/lib/fees/rules";
import { gradeResult, percentOf } from "@/lib/grades/rules";

export type TodaySession = {
  courseName: string;
  status: AttendanceStatus;
  remark: string | null;
};

export type LatestResult = {
  examName: string;
  examDate: string;
  subjectName: string;
  marks: number;
  maxMarks: number;
  percent: number;
  grade: string;
  passed: boolean;
};

export type FeeSummary = {
  dueMinor: number;
  dueCount: number;
  /** The earliest due date among fees that are due, not yet overdue. */
  nextDueDate: string | null;
  overdueMinor: number;
  overdueCount: number;
};

export type ChildCard = {
  student: VisibleStudent;
  /** Sessions recorded on the school date, one per course, by course name. */
  today: TodaySession[];
  /** Sessions recorded up to and including the school date, by status. */
  attendance: AttendanceCounts;
  /** Attended over counted sessions, from 0 to 1; null before any session counted. */
  attendanceRate: number | null;
  latestResult: LatestResult | null;
  fees: FeeSummary;
  /** Unread notifications of this user about this student. */
  unreadNotifications: number;
};

export type Dashboard = {
  cards: ChildCard[];
  /** Unread notifications about no student, such as school announcements. */
  unreadSchoolNotifications: number;
};

function getTodaySessions(db: Executor, studentIds: number[], today: string) {
  return db
    .select({
      studentId: attendance.studentId,
      courseName: courses.name,
      status: attendance.status,
      remark: attendance.remark,
    })
    .from(attendance)
    .innerJoin(courses, eq(courses.id, attendance.courseId))
    .where(and(inArray(attendance.studentId, studentIds), eq(attendance.date, today)))
    .orderBy(asc(courses.name));
}

function getAttendanceCounts(db: Executor, studentIds: number[], today: string) {
  return db
    .select({ studentId: attendance.studentId, status: attendance.status, sessions: count() })
    .from(attendance)
    .where(and(inArray(attendance.studentId, studentIds), lte(attendance.date, today)))
    .groupBy(attendance.studentId, attendance.status);
}

/**
 * Returns each student's latest result: the one of the latest exam held by
 * `today`, and of that exam the latest recorded, in one windowed query.
 */
function getLatestResults(db: Executor, studentIds: number[], today: string) {
  const ranked = db
    .select({
      studentId: results.studentId,
      examName: sql<string>`${exams.name}`.as("exam_name"),
      examDate: sql<string>`${exams.date}`.as("exam_date"),
      subjectName: sql<string>`${subjects.name}`.as("subject_name"),
      marks: results.marks,
      maxMarks: results.maxMarks,
      position: sql<number>`row_number() OVER (
        PARTITION BY ${results.studentId}
        ORDER BY ${exams.date} DESC, ${results.recordedAt} DESC, ${results.id} DESC
      )`.as("position"),
    })
    .from(results)
    .innerJoin(exams, eq(exams.id, results.examId))
    .innerJoin(subjects, eq(subjects.id, results.subjectId))
    .where(and(inArray(results.studentId, studentIds), lte(exams.date, today)))
    .as("ranked");
  return db.select().from(ranked).where(eq(ranked.position, 1));
}

function getFeesWithPaid(db: Executor, studentIds: number[]) {
  return db
    .select({
      studentId: fees.studentId,
      amountMinor: fees.amountMinor,
      dueDate: fees.dueDate,
      paidMinor: sql<number>`coalesce(sum(${payments.amountMinor}), 0)`.mapWith(Number),
    })
    .from(fees)
    .leftJoin(payments, eq(payments.feeId, fees.id))
    .where(inArray(fees.studentId, studentIds))
    .groupBy(fees.id);
}

/** Counts unread notifications per student, with null for those about no student. */
function getUnreadCounts(db: Executor, userId: number, studentIds: number[]) {
  return db
    .select({ studentId: notifications.studentId, unread: count() })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        or(inArray(notifications.studentId, studentIds), isNull(notifications.studentId)),
      ),
    )
    .groupBy(notifications.studentId);
}

function summariseFees(
  rows: { amountMinor: number; dueDate: string; paidMinor: number }[],
  today: string,
): FeeSummary {
  const summary: FeeSummary = { dueMinor: 0, dueCount: 0, nextDueDate: null, overdueMinor: 0, overdueCount: 0 };
  for (const fee of rows) {
    const state = feeStateOn(fee, today);
    if (state === "overdue") {
      summary.overdueMinor += outstandingMinor(fee);
      summary.overdueCount += 1;
    } else if (state === "due") {
      summary.dueMinor += outstandingMinor(fee);
      summary.dueCount += 1;
      if (summary.nextDueDate === null || fee.dueDate < summary.nextDueDate) {
        summary.nextDueDate = fee.dueDate;
      }
    }
  }
  return summary;
}

function groupByStudent<T extends { studentId: number | null }>(rows: T[]): Map<number | null, T[]> {
  const groups = new Map<number | null, T[]>();
  for (const row of rows) groups.set(row.studentId, [...(groups.get(row.studentId) ?? []), row]);
  return groups;
}

/**
 * Loads the portal home of a user: one card per student the access rule lets
 * the user see, on the school date `today`. It runs seven queries however
 * many students there are: two for the visible students, then one each for
 * today's sessions, attendance counts, latest results, fees and unread
 * notifications, each over all the students at once.
 */
export async function getDashboardByUser(
  { userId, today }: { userId: number; today: string },
  db: Executor = getDb(),
): Promise<Dashboard> {
  const students = await getVisibleStudents(db, userId);
  const ids = students.map((student) => student.id);
  if (ids.length === 0) {
    const [school] = await getUnreadCounts(db, userId, []);
    return { cards: [], unreadSchoolNotifications: school?.unread ?? 0 };
  }

  const [todayRows, countRows, resultRows, feeRows, unreadRows] = await Promise.all([
    getTodaySessions(db, ids, today),
    getAttendanceCounts(db, ids, today),
    getLatestResults(db, ids, today),
    getFeesWithPaid(db, ids),
    getUnreadCounts(db, userId, ids),
  ]);

  const todayByStudent = groupByStudent(todayRows);
  const countsByStudent = groupByStudent(countRows);
  const resultByStudent = new Map(resultRows.map((row) => [row.studentId, row]));
  const feesByStudent = groupByStudent(feeRows);
  const unreadByStudent = new Map(unreadRows.map((row) => [row.studentId, row.unread]));

  const cards = students.map((student): ChildCard => {
    const counts = emptyCounts();
    for (const row of countsByStudent.get(student.id) ?? []) counts[row.status] = row.sessions;
    const result = resultByStudent.get(student.id);
    return {
      student,
      today: (todayByStudent.get(student.id) ?? []).map(({ studentId: _, ...session }) => session),
      attendance: counts,
      attendanceRate: attendanceRate(counts),
      latestResult: result
        ? {
            examName: result.examName,
            examDate: result.examDate,
            subjectName: result.subjectName,
            marks: result.marks,
            maxMarks: result.maxMarks,
            percent: percentOf(result.marks, result.maxMarks),
            ...gradeResult(result.marks, result.maxMarks),
          }
        : null,
      fees: summariseFees(feesByStudent.get(student.id) ?? [], today),
      unreadNotifications: unreadByStudent.get(student.id) ?? 0,
    };
  });
  return { cards, unreadSchoolNotifications: unreadByStudent.get(null) ?? 0 };
}
