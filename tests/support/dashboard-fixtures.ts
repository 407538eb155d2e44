import { drizzle } from "drizzle-orm/libsql";
import { writeTransaction, type Database } from "@/db/client";
import * as schema from "@/db/schema";
import {
  attendance,
  courses,
  enrolments,
  exams,
  fees,
  notifications,
  payments,
  results,
  subjects,
  type AttendanceStatus,
  type NotificationKind,
} from "@/db/schema";
import { createUserForParent, insertParent, insertStudentWithUser } from "./test-db";

export type Family = { parentUserId: number; studentIds: number[] };

/**
 * Creates a parent with a portal user, linked as "mother" to one student with
 * a portal user per name. Logins are built from `key` and the names.
 */
export async function insertFamily(db: Database, key: string, childNames: string[]): Promise<Family> {
  const studentIds: number[] = [];
  for (const [index, name] of childNames.entries()) {
    const { studentId } = await insertStudentWithUser(db, {
      name,
      email: `${key}.child${index + 1}@example.com`,
    });
    studentIds.push(studentId);
  }
  const parentId = await insertParent(db, { name: `${key} Parent`, email: `${key}.parent@example.com` }, studentIds, "mother");
  return { parentUserId: await createUserForParent(db, parentId), studentIds };
}

/**
 * Opens a second Drizzle instance on the same libSQL client that counts the
 * SQL statements it sends. Pass `counted.db` to the code under test.
 */
export function openCountingDatabase(db: Database): { db: Database; statements: () => number } {
  let statements = 0;
  const counted = drizzle(db.$client, {
    schema,
    logger: { logQuery: () => void (statements += 1) },
  });
  return { db: counted, statements: () => statements };
}

export async function insertCourse(db: Database, code: string, subjectNames: string[] = []) {
  return writeTransaction(db, async (tx) => {
    const [course] = await tx.insert(courses).values({ code, name: `Course ${code}` }).returning({ id: courses.id });
    const subjectIds: number[] = [];
    for (const name of subjectNames) {
      const [subject] = await tx
        .insert(subjects)
        .values({ courseId: course.id, name, teacherName: `Teacher of ${name}` })
        .returning({ id: subjects.id });
      subjectIds.push(subject.id);
    }
    return { courseId: course.id, subjectIds };
  });
}

export function enrol(db: Database, studentId: number, courseId: number, batch: string | null = null) {
  return writeTransaction(db, (tx) =>
    tx.insert(enrolments).values({ studentId, courseId, startDate: "2026-09-01", batch }),
  );
}

export function recordAttendance(
  db: Database,
  rows: { studentId: number; courseId: number; date: string; status: AttendanceStatus; remark?: string }[],
) {
  return writeTransaction(db, (tx) => tx.insert(attendance).values(rows));
}

export async function insertExam(db: Database, courseId: number, name: string, date: string) {
  const [row] = await writeTransaction(db, (tx) =>
    tx.insert(exams).values({ courseId, name, date, term: "Autumn 2026" }).returning({ id: exams.id }),
  );
  return row.id;
}

export function insertResult(
  db: Database,
  row: { examId: number; studentId: number; subjectId: number; marks: number; maxMarks?: number },
) {
  return writeTransaction(db, (tx) => tx.insert(results).values({ maxMarks: 100, ...row }));
}

/** Inserts a fee and, when `paid` lists amounts, one payment per amount. */
export async function insertFee(
  db: Database,
  row: { studentId: number; amountMinor: number; dueDate: string; paid?: number[] },
) {
  return writeTransaction(db, async (tx) => {
    const [fee] = await tx
      .insert(fees)
      .values({
        studentId: row.studentId,
        term: "Autumn 2026",
        description: `Fee due ${row.dueDate}`,
        amountMinor: row.amountMinor,
        dueDate: row.dueDate,
      })
      .returning({ id: fees.id });
    for (const amountMinor of row.paid ?? []) {
      await tx.insert(payments).values({ feeId: fee.id, amountMinor, paidOn: "2026-09-01" });
    }
    return fee.id;
  });
}

export function insertNotification(
  db: Database,
  row: { userId: number; studentId: number | null; read?: boolean; kind?: NotificationKind },
) {
  return writeTransaction(db, (tx) =>
    tx.insert(notifications).values({
      userId: row.userId,
      studentId: row.studentId,
      kind: row.kind ?? "announcement",
      title: "Test notification",
      body: "Test body",
      readAt: row.read ? new Date() : null,
    }),
  );
}
