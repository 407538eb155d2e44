import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { parents } from "@/db/schema";
import { seedDemoSchool } from "@/db/seed";
import { getDashboardByUser, type ChildCard } from "@/lib/dashboard/queries";
import { getCoursesByStudent } from "@/lib/dashboard/courses";
import { createParentUser } from "@/lib/parents/create-parent-user";
import {
  enrol,
  insertCourse,
  insertExam,
  insertFamily,
  insertFee,
  insertNotification,
  insertResult,
  openCountingDatabase,
  recordAttendance,
  type Family,
} from "../support/dashboard-fixtures";
import { createTestDatabase, getUserIdByLogin, type TestDatabase } from "../support/test-db";

const TODAY = "2026-11-20";

let testDb: TestDatabase;
let db: Database;
let family: Family;
let ann: number;
let ben: number;
let courseId: number;
let algebra: number;
let geometry: number;

function cardOf(cards: ChildCard[], studentId: number): ChildCard {
  const card = cards.find((candidate) => candidate.student.id === studentId);
  if (!card) throw new Error(`No dashboard card for student ${studentId}`);
  return card;
}

async function dashboard(today = TODAY) {
  return getDashboardByUser({ userId: family.parentUserId, today }, db);
}

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  family = await insertFamily(db, "green", ["Ann Green", "Ben Green"]);
  [ann, ben] = family.studentIds;
  const course = await insertCourse(db, "MATH-7", ["Algebra", "Geometry"]);
  courseId = course.courseId;
  [algebra, geometry] = course.subjectIds;
  await enrol(db, ann, courseId);
  await enrol(db, ben, courseId);
});

afterEach(async () => {
  await testDb.cleanup();
});

describe("getDashboardByUser", () => {
  test("one card per child", async () => {
    const { cards } = await dashboard();
    expect(cards.map((card) => card.student.name)).toEqual(["Ann Green", "Ben Green"]);
  });

  test("today's session only", async () => {
    await recordAttendance(db, [
      { studentId: ann, courseId, date: TODAY, status: "late", remark: "Bus delayed" },
      { studentId: ben, courseId, date: "2026-11-19", status: "absent" },
    ]);
    const { cards } = await dashboard();
    expect(cardOf(cards, ann).today).toEqual([
      { courseName: "Course MATH-7", status: "late", remark: "Bus delayed" },
    ]);
    expect(cardOf(cards, ben).today).toEqual([]);
  });

  test("attendance counts stop at today", async () => {
    await recordAttendance(db, [
      { studentId: ann, courseId, date: "2026-11-18", status: "present" },
      { studentId: ann, courseId, date: "2026-11-19", status: "absent" },
      { studentId: ann, courseId, date: TODAY, status: "present" },
      { studentId: ann, courseId, date: "2026-11-23", status: "absent" },
    ]);
    const card = cardOf((await dashboard()).cards, ann);
    expect(card.attendance).toEqual({ present: 2, absent: 1, late: 0, excused: 0 });
    expect(card.attendanceRate).toBeCloseTo(2 / 3);
    expect(cardOf((await dashboard()).cards, ben).attendanceRate).toBeNull();
  });

  test("latest result from latest exam", async () => {
    const midTerm = await insertExam(db, courseId, "Mid-term exam", "2026-10-15");
    const endOfTerm = await insertExam(db, courseId, "End-of-term exam", "2026-11-18");
    const future = await insertExam(db, courseId, "Mock exam", "2026-12-01");
    await insertResult(db, { examId: endOfTerm, studentId: ann, subjectId: geometry, marks: 72 });
    await insertResult(db, { examId: midTerm, studentId: ann, subjectId: algebra, marks: 95 });
    await insertResult(db, { examId: future, studentId: ann, subjectId: algebra, marks: 10 });
    await insertResult(db, { examId: midTerm, studentId: ben, subjectId: algebra, marks: 35 });

    const { cards } = await dashboard();
    expect(cardOf(cards, ann).latestResult).toEqual({
      examName: "End-of-term exam",
      examDate: "2026-11-18",
      subjectName: "Geometry",
      marks: 72,
      maxMarks: 100,
      percent: 72,
      grade: "B",
      passed: true,
    });
    expect(cardOf(cards, ben).latestResult?.grade).toBe("F");
  });

  test("no results gives null", async () => {
    const { cards } = await dashboard();
    expect(cardOf(cards, ann).latestResult).toBeNull();
  });

  test("fee totals at a date", async () => {
    // Ann: 100.00 due 15 Nov with 40.00 paid, 25.00 due 1 Dec, 50.00 paid in full.
    await insertFee(db, { studentId: ann, amountMinor: 10_000, dueDate: "2026-11-15", paid: [4_000] });
    await insertFee(db, { studentId: ann, amountMinor: 2_500, dueDate: "2026-12-01" });
    await insertFee(db, { studentId: ann, amountMinor: 5_000, dueDate: "2026-09-15", paid: [2_000, 3_000] });

    const now = cardOf((await dashboard()).cards, ann).fees;
    expect(now).toEqual({
      overdueMinor: 6_000,
      overdueCount: 1,
      dueMinor: 2_500,
      dueCount: 1,
      nextDueDate: "2026-12-01",
    });
    const earlier = cardOf((await dashboard("2026-11-15")).cards, ann).fees;
    expect(earlier.overdueMinor).toBe(0);
    expect(earlier.dueMinor).toBe(8_500);
    expect(earlier.nextDueDate).toBe("2026-11-15");
  });

  test("child without fees owes nothing", async () => {
    const fees = cardOf((await dashboard()).cards, ben).fees;
    expect(fees).toEqual({ overdueMinor: 0, overdueCount: 0, dueMinor: 0, dueCount: 0, nextDueDate: null });
  });

  test("unread counts per child", async () => {
    const other = await insertFamily(db, "grey", ["Cat Grey"]);
    const user = family.parentUserId;
    await insertNotification(db, { userId: user, studentId: ann });
    await insertNotification(db, { userId: user, studentId: ann, kind: "absence" });
    await insertNotification(db, { userId: user, studentId: ann, read: true });
    await insertNotification(db, { userId: user, studentId: ben });
    await insertNotification(db, { userId: user, studentId: null });
    await insertNotification(db, { userId: other.parentUserId, studentId: ann });

    const result = await dashboard();
    expect(cardOf(result.cards, ann).unreadNotifications).toBe(2);
    expect(cardOf(result.cards, ben).unreadNotifications).toBe(1);
    expect(result.unreadSchoolNotifications).toBe(1);
  });

  test("statement count ignores child count", async () => {
    const large = await insertFamily(db, "blue", ["A Blue", "B Blue", "C Blue", "D Blue", "E Blue"]);
    for (const studentId of large.studentIds) {
      await enrol(db, studentId, courseId);
      await recordAttendance(db, [{ studentId, courseId, date: TODAY, status: "present" }]);
      await insertFee(db, { studentId, amountMinor: 1_000, dueDate: "2026-12-01" });
    }
    const small = openCountingDatabase(db);
    await getDashboardByUser({ userId: family.parentUserId, today: TODAY }, small.db);
    const big = openCountingDatabase(db);
    const { cards } = await getDashboardByUser({ userId: large.parentUserId, today: TODAY }, big.db);

    expect(cards).toHaveLength(5);
    expect(small.statements()).toBe(7);
    expect(big.statements()).toBe(7);
  });

  test("no children gives no cards", async () => {
    const lonely = await insertFamily(db, "white", []);
    const result = await getDashboardByUser({ userId: lonely.parentUserId, today: TODAY }, db);
    expect(result.cards).toEqual([]);
  });
});

describe("dashboard on the demo school", () => {
  test("Linda never sees Robert's children", async () => {
    const demo = await createTestDatabase();
    try {
      await seedDemoSchool(demo.db, "unit-test-password", { today: "2026-12-04" });
      const robertParent = await demo.db.query.parents.findFirst({
        where: eq(parents.email, "robert.smith@example.com"),
      });
      const created = await createParentUser(demo.db, { parentId: robertParent!.id });
      expect(created.status).toBe("created");
      const linda = await getUserIdByLogin(demo.db, "linda.brown@example.com");

      const { cards } = await getDashboardByUser({ userId: linda, today: "2026-12-04" }, demo.db);
      const names = cards.map((card) => card.student.name);
      expect(names).toEqual(["Lucy Brown", "Tom Brown"]);
      expect(names).not.toContain("John Smith");
      expect(names).not.toContain("Jane Smith");
    } finally {
      await demo.cleanup();
    }
  });
});

describe("getCoursesByStudent", () => {
  test("courses with batch and subjects", async () => {
    const science = await insertCourse(db, "SCI-5", []);
    await enrol(db, ben, science.courseId, "2026–27 Group B");
    const courses = await getCoursesByStudent({ studentId: ben }, db);
    expect(courses.map((course) => course.code)).toEqual(["MATH-7", "SCI-5"]);
    expect(courses[0].subjects.map((subject) => subject.name)).toEqual(["Algebra", "Geometry"]);
    expect(courses[0].subjects[0].teacherName).toBe("Teacher of Algebra");
    expect(courses[1].batch).toBe("2026–27 Group B");
    expect(courses[1].subjects).toEqual([]);
  });
});
