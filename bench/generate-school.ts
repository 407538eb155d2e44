// Builds a synthetic school in a new migrated libSQL file for the benchmarks.
//
//   npx tsx bench/generate-school.ts <students> <file>
//
// Every row comes from INSERT … SELECT over a recursive counter, one
// transaction per table, so SQLite generates the rows itself and 100,000
// students take seconds rather than minutes. The data is the same on every
// run: "random" choices are arithmetic on the row number.
//
// Shape, for S students:
// - one manager, manager@bench.example.com, and the benchmark parent,
//   bench.parent@example.com, both with BENCH_PASSWORD; other users have no
//   password and cannot log in;
// - the benchmark parent's family is students 1–3; every other family has two
//   children and one parent with a portal user; every student has a portal user;
// - one course per 25 students with 3 subjects; each student is in one course;
// - ATTENDANCE_DAYS school days of attendance (today and the weekdays before),
//   2 exams per course with a result per subject, 3 fees per student
//   (overdue, due soon, due next term) with every other first fee paid, and
//   3 notifications per parent user (one unread about a child, one unread
//   school notice, one read);
// - SPARE_PARENTS parents without a portal user, each linked to one student,
//   for timing Create Parent User.
// The benchmark parent's children have the same rows whatever S is, so the
// dashboard does the same work for that parent in a small and a large school.

import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { openDatabase, writeTransaction, type Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { hashPassword } from "@/lib/auth/password";
import { schoolDateOf } from "@/lib/school-calendar";

export const BENCH_PASSWORD = "bench-password-2026";
export const BENCH_PARENT_LOGIN = "bench.parent@example.com";
export const BENCH_MANAGER_LOGIN = "manager@bench.example.com";
/** Children of the benchmark parent: students 1 to 3. */
export const BENCH_PARENT_CHILDREN = 3;
export const ATTENDANCE_DAYS = 20;
export const SPARE_PARENTS = 200;

const STUDENTS_PER_COURSE = 25;
const SUBJECTS_PER_COURSE = 3;
const EXAMS_PER_COURSE = 2;

export type SchoolLayout = {
  students: number;
  families: number;
  courses: number;
  /** Parent ids without a portal user, each with one child. */
  spareParentIds: number[];
  /** User ids: manager 1, students 10 + s, parents after them. */
  managerUserId: number;
  benchParentUserId: number;
};

/** Returns SQL for the family of the student in `column` (1-based): students 1–3 are family 1, then pairs. */
function familySql(column: string) {
  return `(CASE WHEN ${column} <= ${BENCH_PARENT_CHILDREN} THEN 1 ELSE 2 + (${column} - ${BENCH_PARENT_CHILDREN + 1}) / 2 END)`;
}

function counter(limit: number) {
  return `WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${limit})`;
}

/** Returns today and the weekdays before it, oldest first, as UTC calendar dates. */
export function schoolDays(today: string, count: number): string[] {
  const days = [today];
  const cursor = new Date(`${today}T00:00:00Z`);
  while (days.length < count) {
    cursor.setUTCDate(cursor.getUTCDate() - 1);
    const weekday = cursor.getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(cursor.toISOString().slice(0, 10));
  }
  return days.reverse();
}

function addDays(isoDate: string, offset: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

async function run(db: Database, statement: string) {
  await writeTransaction(db, async (tx) => {
    await tx.run(sql.raw(statement));
  });
}

/**
 * Creates `file` from scratch (deleting any older copy) with a school of
 * `studentCount` students, and returns where the benchmark records are.
 */
export async function generateSchool(
  file: string,
  studentCount: number,
  today: string,
): Promise<SchoolLayout> {
  if (!Number.isInteger(studentCount) || studentCount < 10) {
    throw new Error(`Student count ${studentCount} is invalid: use an integer of at least 10.`);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });

  const db = openDatabase(`file:${file}`);
  try {
    await migrateDatabase(db);
    return await fillSchool(db, studentCount, today);
  } finally {
    db.$client.close();
  }
}

async function fillSchool(db: Database, S: number, today: string): Promise<SchoolLayout> {
  const F = 1 + Math.ceil((S - BENCH_PARENT_CHILDREN) / 2);
  const C = Math.ceil(S / STUDENTS_PER_COURSE);
  const P = SPARE_PARENTS;
  const parentUserBase = 10 + S;
  const nowMs = Date.parse(`${today}T08:00:00Z`);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const family = familySql("n");

  // Users: manager 1, student s = 10 + s, parent of family f = 10 + S + f.
  await run(
    db,
    `INSERT INTO users (id, login, name, role, is_parent, password_hash, created_at) VALUES
     (1, ${quote(BENCH_MANAGER_LOGIN)}, 'Bench Manager', 'manager', 0, ${quote(passwordHash)}, ${nowMs})`,
  );
  await run(
    db,
    `${counter(S)} INSERT INTO users (id, login, name, role, is_parent, created_at)
     SELECT 10 + n, 'student' || n || '@bench.example.com', 'Student ' || printf('%06d', n), 'portal', 0, ${nowMs} FROM seq`,
  );
  await run(
    db,
    `${counter(F)} INSERT INTO contacts (id, name, email, created_at)
     SELECT n, CASE WHEN n = 1 THEN 'Bench Parent' ELSE 'Parent ' || printf('%06d', n) END,
            CASE WHEN n = 1 THEN ${quote(BENCH_PARENT_LOGIN)} ELSE 'parent' || n || '@bench.example.com' END,
            ${nowMs} FROM seq`,
  );
  await run(
    db,
    `${counter(F)} INSERT INTO users (id, login, name, role, is_parent, password_hash, created_at)
     SELECT ${parentUserBase} + n, c.email, c.name, 'portal', 1,
            CASE WHEN n = 1 THEN ${quote(passwordHash)} END, ${nowMs}
     FROM seq JOIN contacts c ON c.id = n`,
  );
  await run(
    db,
    `${counter(F)} INSERT INTO parents (id, contact_id, user_id, created_at)
     SELECT n, n, ${parentUserBase} + n, ${nowMs} FROM seq`,
  );
  await run(
    db,
    `${counter(S)} INSERT INTO students (id, name, email, birth_date, user_id, created_at)
     SELECT n, 'Student ' || printf('%06d', n), 'student' || n || '@bench.example.com',
            printf('%04d-%02d-%02d', 2012 + n % 6, 1 + n % 12, 1 + n % 28), 10 + n, ${nowMs} FROM seq`,
  );
  await run(
    db,
    `${counter(S)} INSERT INTO parent_students (parent_id, student_id, relationship)
     SELECT ${family}, n, CASE WHEN n % 2 = 0 THEN 'father' ELSE 'mother' END FROM seq`,
  );
  await run(
    db,
    `${counter(S)} INSERT INTO user_children (parent_user_id, child_user_id)
     SELECT ${parentUserBase} + ${family}, 10 + n FROM seq`,
  );

  // Spare parents for Create Parent User: contact and parent ids after the families.
  await run(
    db,
    `${counter(P)} INSERT INTO contacts (id, name, email, created_at)
     SELECT ${F} + n, 'Spare Parent ' || n, 'spare' || n || '@bench.example.com', ${nowMs} FROM seq`,
  );
  await run(
    db,
    `${counter(P)} INSERT INTO parents (id, contact_id, created_at) SELECT ${F} + n, ${F} + n, ${nowMs} FROM seq`,
  );
  await run(
    db,
    `${counter(P)} INSERT INTO parent_students (parent_id, student_id, relationship)
     SELECT ${F} + n, ${BENCH_PARENT_CHILDREN} + 1 + (n - 1) % ${S - BENCH_PARENT_CHILDREN}, 'guardian' FROM seq`,
  );

  await fillCourses(db, S, C);
  await fillSchoolLife(db, S, C, F, parentUserBase, today, nowMs);

  return {
    students: S,
    families: F,
    courses: C,
    spareParentIds: Array.from({ length: P }, (_, i) => F + i + 1),
    managerUserId: 1,
    benchParentUserId: parentUserBase + 1,
  };
}

async function fillCourses(db: Database, S: number, C: number) {
  await run(
    db,
    `${counter(C)} INSERT INTO courses (id, code, name) SELECT n, 'C' || printf('%05d', n), 'Course ' || printf('%05d', n) FROM seq`,
  );
  await run(
    db,
    `${counter(C * SUBJECTS_PER_COURSE)} INSERT INTO subjects (id, course_id, name, teacher_name)
     SELECT n, 1 + (n - 1) / ${SUBJECTS_PER_COURSE},
            CASE (n - 1) % ${SUBJECTS_PER_COURSE} WHEN 0 THEN 'Mathematics' WHEN 1 THEN 'English' ELSE 'Science' END,
            'Teacher ' || n FROM seq`,
  );
  await run(
    db,
    `${counter(S)} INSERT INTO enrolments (student_id, course_id, start_date, batch)
     SELECT n, 1 + (n - 1) / ${STUDENTS_PER_COURSE}, '2026-09-01', '2026–27 Group A' FROM seq`,
  );
}

async function fillSchoolLife(
  db: Database,
  S: number,
  C: number,
  F: number,
  parentUserBase: number,
  today: string,
  nowMs: number,
) {
  const days = schoolDays(today, ATTENDANCE_DAYS);
  const dayValues = days.map((day, index) => `(${index}, ${quote(day)})`).join(", ");
  await run(
    db,
    `${counter(S)}, days(i, d) AS (VALUES ${dayValues})
     INSERT INTO attendance (student_id, course_id, date, status, recorded_by, created_at)
     SELECT n, 1 + (n - 1) / ${STUDENTS_PER_COURSE}, d,
            CASE WHEN (n * 7 + i * 13) % 29 = 0 THEN 'absent'
                 WHEN (n * 5 + i * 11) % 31 = 0 THEN 'late' ELSE 'present' END,
            1, ${nowMs} FROM seq CROSS JOIN days`,
  );

  // Exam e of course c has id (c - 1) * 2 + e; the first was 10 school days ago.
  const examDates = [days[Math.max(0, days.length - 11)], days[Math.max(0, days.length - 3)]];
  await run(
    db,
    `${counter(C * EXAMS_PER_COURSE)} INSERT INTO exams (id, course_id, name, date, term)
     SELECT n, 1 + (n - 1) / ${EXAMS_PER_COURSE},
            CASE (n - 1) % ${EXAMS_PER_COURSE} WHEN 0 THEN 'Autumn test' ELSE 'Autumn exam' END,
            CASE (n - 1) % ${EXAMS_PER_COURSE} WHEN 0 THEN ${quote(examDates[0])} ELSE ${quote(examDates[1])} END,
            'Autumn' FROM seq`,
  );
  await run(
    db,
    `${counter(S)}, pick(e, k) AS (VALUES (0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2))
     INSERT INTO results (exam_id, student_id, subject_id, marks, max_marks, created_at)
     SELECT ((n - 1) / ${STUDENTS_PER_COURSE}) * ${EXAMS_PER_COURSE} + e + 1, n,
            ((n - 1) / ${STUDENTS_PER_COURSE}) * ${SUBJECTS_PER_COURSE} + k + 1,
            35 + (n * 17 + e * 7 + k * 3) % 66, 100, ${nowMs} FROM seq CROSS JOIN pick`,
  );

  // Past-due fees are marked notified and notifications emailed, so the
  // server's background worker has nothing to send during a benchmark.
  const feeRows = [
    ["'Autumn'", "'Tuition, first instalment'", 45000, addDays(today, -20), nowMs],
    ["'Autumn'", "'Trip'", 2500, addDays(today, 10), "NULL"],
    ["'Spring'", "'Tuition, second instalment'", 45000, addDays(today, 60), "NULL"],
  ];
  const feeValues = feeRows
    .map(([term, description, amount, due, notified], index) => `(${index}, ${term}, ${description}, ${amount}, ${quote(String(due))}, ${notified})`)
    .join(", ");
  await run(
    db,
    `${counter(S)}, kinds(k, term, description, amount, due, notified) AS (VALUES ${feeValues})
     INSERT INTO fees (id, student_id, term, description, amount_minor, due_date, overdue_notified_at, created_at)
     SELECT (n - 1) * 3 + k + 1, n, term, description, amount, due, notified, ${nowMs} FROM seq CROSS JOIN kinds`,
  );
  await run(
    db,
    `${counter(Math.floor(S / 2))} INSERT INTO payments (fee_id, amount_minor, paid_on, recorded_by, created_at)
     SELECT (2 * n - 1) * 3 + 1, 45000, ${quote(addDays(today, -25))}, 1, ${nowMs} FROM seq`,
  );
  await run(
    db,
    `${counter(F)}, kinds(k) AS (VALUES (0), (1), (2))
     INSERT INTO notifications (user_id, student_id, kind, title, body, link, read_at, emailed_at, created_at)
     SELECT ${parentUserBase} + n,
            CASE WHEN k = 1 THEN NULL WHEN n = 1 THEN 1 ELSE 2 * n END,
            CASE WHEN k = 1 THEN 'announcement' ELSE 'result' END,
            CASE WHEN k = 1 THEN 'School closed on Friday' ELSE 'New result' END,
            'Generated for the benchmark.', '/portal', CASE WHEN k = 2 THEN ${nowMs} END, ${nowMs},
            ${nowMs} - k * 60000 FROM seq CROSS JOIN kinds`,
  );
  await run(db, "ANALYZE");
  // Moves every page from the write-ahead log into the database file, so the
  // servers start without a large WAL to search on each read.
  await db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
}

async function main() {
  const [countText, file] = process.argv.slice(2);
  if (!countText || !file) {
    console.error("usage: npx tsx bench/generate-school.ts <students> <file>");
    process.exit(2);
  }
  if (existsSync(file)) console.log(`generate-school: replacing ${file}`);
  const timeZone = process.env.SCHOOL_TIME_ZONE || "Europe/London";
  const started = performance.now();
  const layout = await generateSchool(file, Number(countText), schoolDateOf(new Date(), timeZone));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`generate-school: ${layout.students} students, ${layout.families} families in ${file} (${seconds} s)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error("generate-school: failed:", error);
    process.exit(1);
  });
}
