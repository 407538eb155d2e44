import { count, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { writeTransaction, type Database, type Transaction } from "./client";
import {
  announcements,
  attendance,
  contacts,
  courses,
  enrolments,
  exams,
  fees,
  notifications,
  parentStudents,
  parents,
  payments,
  results,
  students,
  subjects,
  users,
} from "./schema";
import {
  BATCHES,
  COURSES_BY_YEAR,
  DEMO_EXAMS,
  EXTRA_COURSES,
  FEE_PLANS,
  MAX_MARKS,
  SUBJECTS_BY_COURSE,
  TERM_START,
  addDays,
  createRandom,
  generateAttendance,
  generateFamilies,
  generateMarks,
  planFees,
  schoolDaysBetween,
} from "./demo-data";
import { hashPassword } from "@/lib/auth/password";
import { syncChildIds } from "@/lib/access/child-sync";
import { formatMoney, formatSchoolDate, schoolToday } from "@/lib/school-calendar";

export const DEFAULT_DEMO_PASSWORD = "portal-demo-2026";

export type DemoLogin = { role: string; login: string; note: string };

/** Students generated on top of the five fixed ones, so the school has 60. */
const GENERATED_STUDENT_COUNT = 55;

/**
 * Rows per INSERT. SQLite (3.32 and later) accepts up to 32,766 bound values
 * per statement by default, and 500 rows of at most 8 columns stay far below.
 */
const INSERT_CHUNK_ROWS = 500;

/** The dates on which the fixed demo events happened, shown on Linda's pages. */
const TOM_ABSENCE_DATE = "2026-11-12";
const LUCY_LATE_DATE = "2026-11-19";

async function insertInChunks<T extends SQLiteTable>(
  tx: Transaction,
  table: T,
  rows: T["$inferInsert"][],
) {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK_ROWS) {
    await tx.insert(table).values(rows.slice(start, start + INSERT_CHUNK_ROWS));
  }
}

type FixedRecords = {
  managerUser: number;
  lindaUser: number;
  tom: number;
  lucy: number;
  studentIds: number[];
  courseIdByCode: Map<string, number>;
  enrolments: { studentId: number; courseId: number }[];
};

/**
 * Inserts the hand-written part of the demo and five courses. Robert Smith has
 * no portal user yet, but his children John and Jane have one each. Linda
 * Brown, her son Tom and her daughter Lucy all have portal users. Peter Jones
 * has no email, and his daughter Amy no portal user. Morgan Lee is the manager.
 */
async function insertFixedRecords(tx: Transaction, passwordHash: string): Promise<FixedRecords> {
  const insertUser = async (login: string, name: string, extra: Partial<typeof users.$inferInsert> = {}) => {
    const [row] = await tx
      .insert(users)
      .values({ login, name, passwordHash, role: "portal", ...extra })
      .returning({ id: users.id });
    return row.id;
  };
  const insertParent = async (name: string, email: string | null, phone: string, userId: number | null = null) => {
    const [contact] = await tx.insert(contacts).values({ name, email, phone }).returning({ id: contacts.id });
    const [parent] = await tx
      .insert(parents)
      .values({ contactId: contact.id, email, userId })
      .returning({ id: parents.id });
    return parent.id;
  };
  const insertStudent = async (name: string, email: string | null, birthDate: string, userId: number | null) => {
    const [row] = await tx.insert(students).values({ name, email, birthDate, userId }).returning({ id: students.id });
    return row.id;
  };

  const managerUser = await insertUser("manager@example.com", "Morgan Lee", { role: "manager" });

  const johnUser = await insertUser("john.smith@example.com", "John Smith");
  const janeUser = await insertUser("jane.smith@example.com", "Jane Smith");
  const tomUser = await insertUser("tom.brown@example.com", "Tom Brown");
  const lindaUser = await insertUser("linda.brown@example.com", "Linda Brown", { isParent: true });
  const lucyUser = await insertUser("lucy.brown@example.com", "Lucy Brown");

  const john = await insertStudent("John Smith", "john.smith@example.com", "2011-03-14", johnUser);
  const jane = await insertStudent("Jane Smith", "jane.smith@example.com", "2013-09-02", janeUser);
  const tom = await insertStudent("Tom Brown", "tom.brown@example.com", "2012-06-21", tomUser);
  const amy = await insertStudent("Amy Jones", "amy.jones@example.com", "2014-01-30", null);
  const lucy = await insertStudent("Lucy Brown", "lucy.brown@example.com", "2014-11-08", lucyUser);

  const robert = await insertParent("Robert Smith", "robert.smith@example.com", "+1 555 0100");
  const linda = await insertParent("Linda Brown", "linda.brown@example.com", "+1 555 0142", lindaUser);
  const peter = await insertParent("Peter Jones", null, "+1 555 0199");

  await tx.insert(parentStudents).values([
    { parentId: robert, studentId: john, relationship: "father" },
    { parentId: robert, studentId: jane, relationship: "father" },
    { parentId: linda, studentId: tom, relationship: "mother" },
    { parentId: peter, studentId: amy, relationship: "father" },
    { parentId: linda, studentId: lucy, relationship: "mother" },
  ]);

  const courseRows = await tx
    .insert(courses)
    .values([
      { code: "MATH-7", name: "Mathematics 7" },
      { code: "ENG-7", name: "English Language 7" },
      { code: "SCI-5", name: "Science 5" },
      ...EXTRA_COURSES,
    ])
    .returning({ id: courses.id, code: courses.code });
  const courseIdByCode = new Map(courseRows.map((row) => [row.code, row.id]));
  const course = (code: string) => courseIdByCode.get(code)!;
  const fixedEnrolments = [
    { studentId: john, courseId: course("MATH-7"), batch: BATCHES[0] },
    { studentId: john, courseId: course("ENG-7"), batch: BATCHES[0] },
    { studentId: jane, courseId: course("SCI-5"), batch: BATCHES[1] },
    { studentId: jane, courseId: course("ENG-7"), batch: BATCHES[1] },
    { studentId: tom, courseId: course("MATH-7"), batch: BATCHES[0] },
    { studentId: amy, courseId: course("SCI-5"), batch: BATCHES[0] },
    { studentId: lucy, courseId: course("SCI-5"), batch: BATCHES[1] },
    { studentId: lucy, courseId: course("ENG-7"), batch: BATCHES[0] },
  ];
  await tx
    .insert(enrolments)
    .values(fixedEnrolments.map((row) => ({ ...row, startDate: TERM_START })));

  return {
    managerUser,
    lindaUser,
    tom,
    lucy,
    studentIds: [john, jane, tom, amy, lucy],
    courseIdByCode,
    enrolments: fixedEnrolments,
  };
}

/** Reads the highest id of each table that generated rows get explicit ids in. */
async function getMaxIds(tx: Transaction) {
  const row = await tx.get<{ users: number; contacts: number; parents: number; students: number }>(sql`
    SELECT
      (SELECT coalesce(max(id), 0) FROM ${users}) AS users,
      (SELECT coalesce(max(id), 0) FROM ${contacts}) AS contacts,
      (SELECT coalesce(max(id), 0) FROM ${parents}) AS parents,
      (SELECT coalesce(max(id), 0) FROM ${students}) AS students`);
  return {
    users: Number(row.users),
    contacts: Number(row.contacts),
    parents: Number(row.parents),
    students: Number(row.students),
  };
}

/**
 * Inserts the generated families with explicit ids, because SQLite does not
 * promise that a multi-row RETURNING lists rows in insertion order. Logins are
 * firstname.lastname<n>@example.com with a running number n.
 */
async function insertGeneratedFamilies(tx: Transaction, passwordHash: string) {
  const families = generateFamilies(createRandom(20260901), GENERATED_STUDENT_COUNT);
  const next = await getMaxIds(tx);
  const userRows: (typeof users.$inferInsert)[] = [];
  const contactRows: (typeof contacts.$inferInsert)[] = [];
  const parentRows: (typeof parents.$inferInsert)[] = [];
  const studentRows: (typeof students.$inferInsert)[] = [];
  const linkRows: (typeof parentStudents.$inferInsert)[] = [];
  const studentYears = new Map<number, keyof typeof COURSES_BY_YEAR>();
  let loginNumber = 0;
  const newLogin = (firstName: string, lastName: string) => {
    loginNumber += 1;
    return `${firstName}.${lastName}${loginNumber}@example.com`.toLowerCase();
  };

  for (const family of families) {
    const parentIds: number[] = [];
    for (const parent of family.parents) {
      const name = `${parent.firstName} ${parent.lastName}`;
      const login = newLogin(parent.firstName, parent.lastName);
      let userId: number | null = null;
      if (parent.hasUser) {
        userId = ++next.users;
        userRows.push({ id: userId, login, name, passwordHash, role: "portal", isParent: true });
      }
      const contactId = ++next.contacts;
      const phone = `+44 7700 900${String(contactId % 1000).padStart(3, "0")}`;
      contactRows.push({ id: contactId, name, email: login, phone });
      const parentId = ++next.parents;
      parentRows.push({ id: parentId, contactId, email: login, userId });
      parentIds.push(parentId);
    }
    for (const child of family.children) {
      const name = `${child.firstName} ${child.lastName}`;
      const login = newLogin(child.firstName, child.lastName);
      let userId: number | null = null;
      if (child.hasUser) {
        userId = ++next.users;
        userRows.push({ id: userId, login, name, passwordHash, role: "portal" });
      }
      const studentId = ++next.students;
      studentRows.push({ id: studentId, name, email: login, birthDate: child.birthDate, userId });
      studentYears.set(studentId, child.yearGroup);
      family.parents.forEach((parent, index) => {
        linkRows.push({ parentId: parentIds[index], studentId, relationship: parent.relationship });
      });
    }
  }

  await insertInChunks(tx, users, userRows);
  await insertInChunks(tx, contacts, contactRows);
  await insertInChunks(tx, parents, parentRows);
  await insertInChunks(tx, students, studentRows);
  await insertInChunks(tx, parentStudents, linkRows);
  return { studentYears, parentUserIds: parentRows.map((row) => row.userId) };
}

/** Inserts the subjects of every course and returns their ids per course id. */
async function insertSubjects(tx: Transaction, courseIdByCode: Map<string, number>) {
  const rows = [...courseIdByCode].flatMap(([code, courseId]) =>
    (SUBJECTS_BY_COURSE[code] ?? []).map((subject) => ({ courseId, ...subject })),
  );
  const inserted = await tx
    .insert(subjects)
    .values(rows)
    .returning({ id: subjects.id, courseId: subjects.courseId });
  const byCourse = new Map<number, number[]>();
  for (const row of inserted.sort((a, b) => a.id - b.id)) {
    byCourse.set(row.courseId, [...(byCourse.get(row.courseId) ?? []), row.id]);
  }
  return byCourse;
}

/**
 * Inserts both exams of every course, and results for every subject of each
 * exam dated before `today`.
 */
async function insertExamsAndResults(
  tx: Transaction,
  courseIds: number[],
  coursesByStudent: Map<number, number[]>,
  subjectsByCourse: Map<number, number[]>,
  today: string,
) {
  const examRows = courseIds.flatMap((courseId) => DEMO_EXAMS.map((exam) => ({ courseId, ...exam })));
  const inserted = await tx
    .insert(exams)
    .values(examRows)
    .returning({ id: exams.id, courseId: exams.courseId, date: exams.date });
  const pastExams = inserted.filter((exam) => exam.date < today).sort((a, b) => a.id - b.id);
  const marksOf = generateMarks(createRandom(20261015), [...coursesByStudent.keys()]);
  const resultRows: (typeof results.$inferInsert)[] = [];
  for (const exam of pastExams) {
    for (const [studentId, studentCourses] of coursesByStudent) {
      if (!studentCourses.includes(exam.courseId)) continue;
      for (const subjectId of subjectsByCourse.get(exam.courseId) ?? []) {
        resultRows.push({ examId: exam.id, studentId, subjectId, marks: marksOf(studentId), maxMarks: MAX_MARKS });
      }
    }
  }
  await insertInChunks(tx, results, resultRows);
}

/**
 * Inserts three fees per student with their payments. Fees already overdue
 * are marked as notified, so the overdue-fee job does not notify every demo
 * parent the first time the server starts.
 */
async function insertFees(
  tx: Transaction,
  studentIds: number[],
  fixed: FixedRecords,
  today: string,
  now: Date,
) {
  const planned = planFees(createRandom(20260915), studentIds, today, [
    { studentId: fixed.tom, plan: "autumn", outcome: "paid" },
    { studentId: fixed.tom, plan: "trip", outcome: "unpaid" },
    { studentId: fixed.lucy, plan: "autumn", outcome: "paid" },
    { studentId: fixed.lucy, plan: "trip", outcome: "paid" },
  ]);
  const feeRows = planned.map(({ studentId, plan, payments: paid }) => {
    const { amountMinor, dueDate, term, description } = FEE_PLANS[plan];
    const paidMinor = paid.reduce((sum, payment) => sum + payment.amountMinor, 0);
    const overdue = paidMinor < amountMinor && dueDate < today;
    return { studentId, term, description, amountMinor, dueDate, overdueNotifiedAt: overdue ? now : null };
  });
  await insertInChunks(tx, fees, feeRows);
  // Payments find their fee by (student, description), which is unique per
  // student in the plan, because a multi-row RETURNING has no promised order.
  const inserted = await tx
    .select({ id: fees.id, studentId: fees.studentId, description: fees.description })
    .from(fees);
  const feeIdByKey = new Map(inserted.map((row) => [`${row.studentId}:${row.description}`, row.id]));
  const paymentRows = planned.flatMap(({ studentId, plan, payments: paid }) =>
    paid.map((payment) => ({
      feeId: feeIdByKey.get(`${studentId}:${FEE_PLANS[plan].description}`)!,
      amountMinor: payment.amountMinor,
      paidOn: payment.paidOn,
      recordedBy: fixed.managerUser,
    })),
  );
  await insertInChunks(tx, payments, paymentRows);
}

/**
 * Inserts two school announcements and a few notifications for Linda Brown
 * about events of the fixed demo that lie before `today`. They count as
 * emailed already, so the notification email job sends nothing for them.
 */
async function insertNotices(tx: Transaction, fixed: FixedRecords, today: string) {
  await tx.insert(announcements).values([
    {
      scope: "school",
      title: "Autumn term dates",
      body: "The autumn term runs from 1 September to 18 December 2026. Half-term is 26 to 30 October.",
      createdBy: fixed.managerUser,
      createdAt: new Date("2026-08-28T09:00:00Z"),
    },
    {
      scope: "school",
      title: "Winter concert on 16 December",
      body: "Families are welcome at the winter concert in the main hall at 6 pm on 16 December.",
      createdBy: fixed.managerUser,
      createdAt: new Date("2026-11-20T09:00:00Z"),
    },
  ]);
  const studentPath = (studentId: number, page: string) => `/portal/students/${studentId}/${page}`;
  const notices = [
    {
      date: "2026-11-20",
      studentId: null,
      kind: "announcement" as const,
      title: "Winter concert on 16 December",
      body: "Families are welcome at the winter concert in the main hall at 6 pm on 16 December.",
      link: "/portal/notifications",
      read: true,
    },
    {
      date: TOM_ABSENCE_DATE,
      studentId: fixed.tom,
      kind: "absence" as const,
      title: "Tom Brown was absent",
      body: `Tom Brown was marked absent from Mathematics 7 on ${formatSchoolDate(TOM_ABSENCE_DATE)}.`,
      link: studentPath(fixed.tom, "attendance"),
      read: false,
    },
    {
      date: addDays(FEE_PLANS.trip.dueDate, 1),
      studentId: fixed.tom,
      kind: "fee_overdue" as const,
      title: "Fee overdue for Tom Brown",
      body: `${FEE_PLANS.trip.description} (${formatMoney(FEE_PLANS.trip.amountMinor)}) was due on ${formatSchoolDate(FEE_PLANS.trip.dueDate)}.`,
      link: studentPath(fixed.tom, "fees"),
      read: false,
    },
    {
      date: addDays(DEMO_EXAMS[1].date, 1),
      studentId: fixed.lucy,
      kind: "result" as const,
      title: "New results for Lucy Brown",
      body: "Results of the end-of-term exam in English Language 7 and Science 5 are available.",
      link: studentPath(fixed.lucy, "grades"),
      read: false,
    },
  ];
  const rows = notices
    .filter((notice) => notice.date < today)
    .map(({ date, read, ...notice }) => {
      const createdAt = new Date(`${date}T16:00:00Z`);
      return { ...notice, userId: fixed.lindaUser, createdAt, emailedAt: createdAt, readAt: read ? createdAt : null };
    });
  if (rows.length > 0) await tx.insert(notifications).values(rows);
}

export type SeedOptions = {
  /** The school date the seed runs on; attendance and results stop the day before. */
  today?: string;
};

/**
 * Fills an empty database with the demo school: the fixed families above and
 * 55 generated students in families of one to three children. Each student
 * gets enrolments, attendance for each school day of the autumn term before
 * `today`, exam results and fees, and Linda Brown gets notifications. The
 * same `today` always gives the same rows, apart from timestamps and password
 * salts. Returns the logins to print, or null without writing anything if the
 * database already has users.
 */
export async function seedDemoSchool(
  db: Database,
  password: string,
  { today = schoolToday() }: SeedOptions = {},
): Promise<DemoLogin[] | null> {
  const [{ value: userCount }] = await db.select({ value: count() }).from(users);
  if (userCount > 0) return null;
  const passwordHash = await hashPassword(password);
  const now = new Date();

  return writeTransaction(db, async (tx) => {
    const fixed = await insertFixedRecords(tx, passwordHash);
    const generated = await insertGeneratedFamilies(tx, passwordHash);

    const generatedEnrolments = [...generated.studentYears].flatMap(([studentId, year], index) =>
      COURSES_BY_YEAR[year].map((code) => ({
        studentId,
        courseId: fixed.courseIdByCode.get(code)!,
        startDate: TERM_START,
        batch: BATCHES[index % BATCHES.length],
      })),
    );
    await insertInChunks(tx, enrolments, generatedEnrolments);

    const coursesByStudent = new Map<number, number[]>();
    for (const { studentId, courseId } of [...fixed.enrolments, ...generatedEnrolments]) {
      coursesByStudent.set(studentId, [...(coursesByStudent.get(studentId) ?? []), courseId]);
    }
    const attendanceRows = generateAttendance(
      createRandom(20261001),
      coursesByStudent,
      schoolDaysBetween(TERM_START, today),
      [
        { studentId: fixed.tom, date: TOM_ABSENCE_DATE, status: "absent", remark: "Unwell, parent phoned in" },
        { studentId: fixed.lucy, date: LUCY_LATE_DATE, status: "late", remark: "Bus delayed" },
      ],
    );
    await insertInChunks(
      tx,
      attendance,
      attendanceRows.map((row) => ({ ...row, recordedBy: fixed.managerUser })),
    );

    const subjectsByCourse = await insertSubjects(tx, fixed.courseIdByCode);
    await insertExamsAndResults(
      tx,
      [...fixed.courseIdByCode.values()],
      coursesByStudent,
      subjectsByCourse,
      today,
    );
    await insertFees(tx, [...coursesByStudent.keys()], fixed, today, now);
    await insertNotices(tx, fixed, today);

    await syncChildIds(tx, [fixed.lindaUser, ...generated.parentUserIds]);

    return [
      { role: "manager", login: "manager@example.com", note: "manages parents and students at /admin" },
      { role: "parent", login: "linda.brown@example.com", note: "sees Tom and Lucy Brown" },
      { role: "student", login: "john.smith@example.com", note: "sees his own record" },
      { role: "student", login: "jane.smith@example.com", note: "sees her own record" },
      { role: "student", login: "lucy.brown@example.com", note: "sees her own record" },
      { role: "parent", login: "robert.smith@example.com", note: "no portal user yet: create it from /admin/parents" },
    ];
  });
}
