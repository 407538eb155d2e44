import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Database } from "@/db/client";
import {
  getAttendanceOfMonth,
  getMonthlyAttendanceCounts,
  getVisibleStudentName,
} from "@/lib/attendance/queries";
import { saveAttendance } from "@/lib/attendance/save-attendance";
import {
  createTestDatabase,
  createUserForParent,
  insertManager,
  insertParent,
  insertStudentWithUser,
  type TestDatabase,
} from "../support/test-db";
import { insertCourseWithStudents } from "../support/attendance-fixtures";

let testDb: TestDatabase;
let db: Database;
let tom: { studentId: number; userId: number };
let lindaUserId: number;
let oliveUserId: number;
let managerId: number;
let courseId: number;

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  tom = await insertStudentWithUser(db, { name: "Tom Brown", email: "tom@example.com" });
  const sam = await insertStudentWithUser(db, { name: "Sam Green", email: "sam@example.com" });
  lindaUserId = await createUserForParent(
    db,
    await insertParent(db, { name: "Linda Brown", email: "linda@example.com" }, [tom.studentId]),
  );
  oliveUserId = await createUserForParent(
    db,
    await insertParent(db, { name: "Olive Green", email: "olive@example.com" }, [sam.studentId]),
  );
  managerId = await insertManager(db, "manager@example.com");
  courseId = await insertCourseWithStudents(db, { code: "MATH-7", name: "Mathematics 7" }, [
    tom.studentId,
  ]);
  const now = new Date("2027-02-02T12:00:00Z");
  const record = (date: string, status: "present" | "absent" | "late" | "excused") =>
    saveAttendance(
      db,
      { courseId, date, entries: [{ studentId: tom.studentId, status, remark: null }], recordedBy: managerId },
      now,
    );
  await record("2026-08-31", "absent");
  await record("2026-09-01", "present");
  await record("2027-01-27", "absent");
  await record("2027-01-31", "late");
  await record("2027-02-01", "excused");
});

afterEach(async () => {
  await testDb.cleanup();
});

describe("monthly counts", () => {
  const range = () => ({ studentId: tom.studentId, from: "2026-09-01", to: "2027-02-02" });

  test("group by school month", async () => {
    const counts = await getMonthlyAttendanceCounts(db, range());
    expect([...counts.keys()].sort()).toEqual(["2026-09", "2027-01", "2027-02"]);
  });

  test("31 January stays in January", async () => {
    const counts = await getMonthlyAttendanceCounts(db, range());
    expect(counts.get("2027-01")).toEqual({ present: 0, absent: 1, late: 1, excused: 0 });
  });

  test("1 February starts February", async () => {
    const counts = await getMonthlyAttendanceCounts(db, range());
    expect(counts.get("2027-02")).toEqual({ present: 0, absent: 0, late: 0, excused: 1 });
  });

  test("leave out days before the term", async () => {
    const counts = await getMonthlyAttendanceCounts(db, range());
    expect(counts.has("2026-08")).toBe(false);
  });
});

describe("month records", () => {
  test("only the month's dates", async () => {
    const records = await getAttendanceOfMonth(db, { studentId: tom.studentId, month: "2027-01" });
    expect(records.map((record) => record.date)).toEqual(["2027-01-27", "2027-01-31"]);
  });

  test("carry the course name", async () => {
    const [record] = await getAttendanceOfMonth(db, { studentId: tom.studentId, month: "2027-01" });
    expect(record.courseName).toBe("Mathematics 7");
  });
});

describe("visible student name", () => {
  test("parent sees own child", async () => {
    expect(await getVisibleStudentName(db, lindaUserId, tom.studentId)).toBe("Tom Brown");
  });

  test("student sees self", async () => {
    expect(await getVisibleStudentName(db, tom.userId, tom.studentId)).toBe("Tom Brown");
  });

  test("other family's parent sees nothing", async () => {
    expect(await getVisibleStudentName(db, oliveUserId, tom.studentId)).toBeNull();
  });
});
