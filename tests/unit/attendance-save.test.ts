import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { attendance, notifications } from "@/db/schema";
import { getClassRegister } from "@/lib/attendance/queries";
import { saveAttendance, type AttendanceEntry } from "@/lib/attendance/save-attendance";
import { setStudentsActive } from "@/lib/students/mutations";
import {
  countRows,
  createTestDatabase,
  createUserForParent,
  insertManager,
  insertParent,
  insertStudent,
  insertStudentWithUser,
  type TestDatabase,
} from "../support/test-db";
import { insertCourseWithStudents } from "../support/attendance-fixtures";

const DATE = "2027-01-27";
// Noon in London on the lesson date, so DATE is the school's today.
const NOW = new Date("2027-01-27T12:00:00Z");

let testDb: TestDatabase;
let db: Database;
let tom: { studentId: number; userId: number };
let sam: { studentId: number; userId: number };
let lindaUserId: number;
let oliveUserId: number;
let outsiderId: number;
let managerId: number;
let courseId: number;

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  tom = await insertStudentWithUser(db, { name: "Tom Brown", email: "tom@example.com" });
  sam = await insertStudentWithUser(db, { name: "Sam Green", email: "sam@example.com" });
  const linda = await insertParent(db, { name: "Linda Brown", email: "linda@example.com" }, [tom.studentId]);
  const olive = await insertParent(db, { name: "Olive Green", email: "olive@example.com" }, [sam.studentId]);
  lindaUserId = await createUserForParent(db, linda);
  oliveUserId = await createUserForParent(db, olive);
  outsiderId = await insertStudent(db, { name: "Nina Other" });
  managerId = await insertManager(db, "manager@example.com");
  courseId = await insertCourseWithStudents(db, { code: "MATH-7", name: "Mathematics 7" }, [
    tom.studentId,
    sam.studentId,
  ]);
});

afterEach(async () => {
  await testDb.cleanup();
});

function save(entries: AttendanceEntry[], date = DATE, now = NOW) {
  return saveAttendance(db, { courseId, date, entries, recordedBy: managerId }, now);
}

function tomAbsent(remark: string | null = "Dentist"): AttendanceEntry[] {
  return [
    { studentId: tom.studentId, status: "absent", remark },
    { studentId: sam.studentId, status: "present", remark: null },
  ];
}

function notificationsOf(userId: number) {
  return db.select().from(notifications).where(eq(notifications.userId, userId));
}

async function tomRows() {
  return db
    .select({ status: attendance.status, remark: attendance.remark })
    .from(attendance)
    .where(eq(attendance.studentId, tom.studentId));
}

describe("class register", () => {
  test("lists enrolled students by name", async () => {
    const register = await getClassRegister(db, { courseId, date: DATE });
    expect(register.map((row) => row.name)).toEqual(["Sam Green", "Tom Brown"]);
  });

  test("defaults everyone to present", async () => {
    const register = await getClassRegister(db, { courseId, date: DATE });
    expect(register.map((row) => row.status)).toEqual(["present", "present"]);
  });

  test("defaults are not marked recorded", async () => {
    const register = await getClassRegister(db, { courseId, date: DATE });
    expect(register.some((row) => row.recorded)).toBe(false);
  });

  test("shows the saved status and remark", async () => {
    await save(tomAbsent());
    const register = await getClassRegister(db, { courseId, date: DATE });
    const row = register.find((entry) => entry.studentId === tom.studentId);
    expect(row).toMatchObject({ status: "absent", remark: "Dentist", recorded: true });
  });

  test("another date keeps the defaults", async () => {
    await save(tomAbsent());
    const register = await getClassRegister(db, { courseId, date: "2027-01-26" });
    expect(register.map((row) => row.status)).toEqual(["present", "present"]);
  });

  test("leaves out archived students", async () => {
    await setStudentsActive(db, [sam.studentId], false);
    const register = await getClassRegister(db, { courseId, date: DATE });
    expect(register.map((row) => row.name)).toEqual(["Tom Brown"]);
  });
});

describe("saveAttendance", () => {
  test("reports counts", async () => {
    const result = await save(tomAbsent());
    expect(result).toEqual({
      status: "saved",
      courseName: "Mathematics 7",
      saved: 2,
      absent: 1,
      newlyAbsent: 1,
    });
  });

  test("writes one row per student", async () => {
    await save(tomAbsent());
    expect(await countRows(db, "attendance")).toBe(2);
  });

  test("re-save updates in place", async () => {
    await save(tomAbsent());
    await save([{ studentId: tom.studentId, status: "late", remark: "Bus was late" }]);
    expect(await tomRows()).toEqual([{ status: "late", remark: "Bus was late" }]);
  });

  test("re-save keeps the row count", async () => {
    await save(tomAbsent());
    await save(tomAbsent("Still ill"));
    expect(await countRows(db, "attendance")).toBe(2);
  });

  test("stores the manager as recorder", async () => {
    await save(tomAbsent());
    const [row] = await db
      .select({ recordedBy: attendance.recordedBy })
      .from(attendance)
      .where(eq(attendance.studentId, tom.studentId));
    expect(row.recordedBy).toBe(managerId);
  });

  test("rejects a student not enrolled", async () => {
    const result = await save([...tomAbsent(), { studentId: outsiderId, status: "present", remark: null }]);
    expect(result).toEqual({ status: "not_enrolled", studentIds: [outsiderId] });
  });

  test("not enrolled saves nothing", async () => {
    await save([...tomAbsent(), { studentId: outsiderId, status: "present", remark: null }]);
    expect(await countRows(db, "attendance")).toBe(0);
  });

  test("not enrolled notifies nobody", async () => {
    await save([...tomAbsent(), { studentId: outsiderId, status: "present", remark: null }]);
    expect(await countRows(db, "notifications")).toBe(0);
  });

  test("rejects an archived student", async () => {
    await setStudentsActive(db, [sam.studentId], false);
    const result = await save(tomAbsent());
    expect(result).toEqual({ status: "not_enrolled", studentIds: [sam.studentId] });
  });

  test("rejects a future date", async () => {
    const result = await save(tomAbsent(), "2027-01-28");
    expect(result).toEqual({ status: "future_date", today: DATE });
  });

  test("future date follows the school zone", async () => {
    // 23:30 on 27 January in Los Angeles is already 28 January in London.
    const result = await save(tomAbsent(), "2027-01-28", new Date("2027-01-28T07:30:00Z"));
    expect(result.status).toBe("saved");
  });

  test("rejects an unknown course", async () => {
    const result = await saveAttendance(
      db,
      { courseId: courseId + 100, date: DATE, entries: tomAbsent(), recordedBy: managerId },
      NOW,
    );
    expect(result).toEqual({ status: "course_not_found" });
  });

  test("rejects an empty register", async () => {
    expect(await save([])).toEqual({ status: "no_entries" });
  });
});

describe("absence notifications", () => {
  test("reach the student and parent", async () => {
    await save(tomAbsent());
    const rows = await db
      .select({ userId: notifications.userId })
      .from(notifications)
      .orderBy(asc(notifications.userId));
    expect(rows.map((row) => row.userId)).toEqual([tom.userId, lindaUserId].sort((a, b) => a - b));
  });

  test("name the student and course", async () => {
    await save(tomAbsent());
    const [row] = await notificationsOf(lindaUserId);
    expect(row).toMatchObject({
      studentId: tom.studentId,
      kind: "absence",
      title: "Tom Brown was marked absent",
      body: "Mathematics 7 on 27 January 2027. Remark: Dentist",
      link: `/portal/students/${tom.studentId}/attendance?month=2027-01`,
    });
  });

  test("omit an empty remark", async () => {
    await save(tomAbsent(null));
    const [row] = await notificationsOf(lindaUserId);
    expect(row.body).toBe("Mathematics 7 on 27 January 2027.");
  });

  test("are not raised again on re-save", async () => {
    await save(tomAbsent());
    const second = await save(tomAbsent("Still ill"));
    expect(second).toMatchObject({ status: "saved", newlyAbsent: 0 });
    expect(await countRows(db, "notifications")).toBe(2);
  });

  test("are raised again after present", async () => {
    await save(tomAbsent());
    await save([{ studentId: tom.studentId, status: "present", remark: null }]);
    await save(tomAbsent());
    expect(await countRows(db, "notifications")).toBe(4);
  });

  test("not raised for late or excused", async () => {
    await save([
      { studentId: tom.studentId, status: "late", remark: null },
      { studentId: sam.studentId, status: "excused", remark: null },
    ]);
    expect(await countRows(db, "notifications")).toBe(0);
  });

  test("another family's parent gets nothing", async () => {
    await save(tomAbsent());
    expect(await notificationsOf(oliveUserId)).toEqual([]);
  });

  test("another family's student gets nothing", async () => {
    await save(tomAbsent());
    expect(await notificationsOf(sam.userId)).toEqual([]);
  });
});
