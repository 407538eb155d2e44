import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Database } from "@/db/client";
import { seedDemoSchool, type DemoLogin } from "@/db/seed";
import { getVisibleStudents } from "@/lib/access/rule";
import { getDashboardByUser } from "@/lib/dashboard/queries";
import { countRows, createTestDatabase, getUserIdByLogin, type TestDatabase } from "../support/test-db";

const TODAY = "2026-12-04";
const PASSWORD = "unit-test-password";
const TABLES = [
  "users",
  "contacts",
  "parents",
  "students",
  "parent_students",
  "user_children",
  "courses",
  "subjects",
  "enrolments",
  "attendance",
  "exams",
  "results",
  "fees",
  "payments",
  "announcements",
  "notifications",
];

let databases: TestDatabase[] = [];

async function seededDatabase(today = TODAY): Promise<{ db: Database; logins: DemoLogin[] | null }> {
  const testDb = await createTestDatabase();
  databases.push(testDb);
  return { db: testDb.db, logins: await seedDemoSchool(testDb.db, PASSWORD, { today }) };
}

async function rowCounts(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) counts[table] = await countRows(db, table);
  return counts;
}

/** Reads Tom Brown's records with raw SQL, leaving out timestamps, which follow the clock. */
async function tomsRecords(db: Database) {
  const query = async (sql: string) =>
    (await db.$client.execute({ sql, args: ["Tom Brown"] })).rows.map((row) => ({ ...row }));
  return {
    attendance: await query(`
      SELECT a.date, c.code, a.status, a.remark FROM attendance a
      JOIN students s ON s.id = a.student_id JOIN courses c ON c.id = a.course_id
      WHERE s.name = ? ORDER BY a.date, c.code`),
    results: await query(`
      SELECT e.name AS exam, sub.name AS subject, r.marks, r.max_marks FROM results r
      JOIN students s ON s.id = r.student_id JOIN exams e ON e.id = r.exam_id
      JOIN subjects sub ON sub.id = r.subject_id
      WHERE s.name = ? ORDER BY e.date, sub.name`),
    fees: await query(`
      SELECT f.description, f.amount_minor, f.due_date, p.amount_minor AS paid, p.paid_on FROM fees f
      JOIN students s ON s.id = f.student_id LEFT JOIN payments p ON p.fee_id = f.id
      WHERE s.name = ? ORDER BY f.due_date, p.id`),
  };
}

async function scalar(db: Database, sql: string, args: (string | number)[] = []): Promise<number> {
  const result = await db.$client.execute({ sql, args });
  return Number(Object.values(result.rows[0])[0]);
}

beforeEach(() => {
  databases = [];
});

afterEach(async () => {
  for (const testDb of databases) await testDb.cleanup();
});

describe("seedDemoSchool", () => {
  test("seeds an empty database", async () => {
    const { db, logins } = await seededDatabase();
    expect(logins?.map((login) => login.login)).toContain("lucy.brown@example.com");
    expect(await countRows(db, "students")).toBe(60);
    expect(await countRows(db, "parents")).toBe(80);
  });

  test("keeps the fixed logins", async () => {
    const { logins } = await seededDatabase();
    expect(logins?.map((login) => login.login)).toEqual([
      "manager@example.com",
      "linda.brown@example.com",
      "john.smith@example.com",
      "jane.smith@example.com",
      "lucy.brown@example.com",
      "robert.smith@example.com",
    ]);
  });

  test("second run adds nothing", async () => {
    const { db } = await seededDatabase();
    const before = await rowCounts(db);
    expect(await seedDemoSchool(db, PASSWORD, { today: TODAY })).toBeNull();
    expect(await rowCounts(db)).toEqual(before);
  });

  test("two runs give the same rows", async () => {
    const first = await seededDatabase();
    const second = await seededDatabase();
    expect(await rowCounts(second.db)).toEqual(await rowCounts(first.db));
    expect(await tomsRecords(second.db)).toEqual(await tomsRecords(first.db));
  });

  test("Linda sees Tom and Lucy", async () => {
    const { db } = await seededDatabase();
    const linda = await getUserIdByLogin(db, "linda.brown@example.com");
    const visible = await getVisibleStudents(db, linda);
    expect(visible.map((student) => student.name)).toEqual(["Lucy Brown", "Tom Brown"]);
    expect(visible.map((student) => student.relationships)).toEqual([["mother"], ["mother"]]);
  });

  test("Robert still has no user", async () => {
    const { db } = await seededDatabase();
    const robertUsers = await scalar(db, "SELECT count(*) FROM users WHERE login = ?", [
      "robert.smith@example.com",
    ]);
    expect(robertUsers).toBe(0);
    const amyUser = await scalar(db, "SELECT count(user_id) FROM students WHERE name = 'Amy Jones'");
    expect(amyUser).toBe(0);
  });

  test("attendance on each weekday before today", async () => {
    const { db } = await seededDatabase();
    const days = await db.$client.execute(
      "SELECT DISTINCT date FROM attendance a JOIN students s ON s.id = a.student_id WHERE s.name = 'Tom Brown' ORDER BY date",
    );
    const dates = days.rows.map((row) => String(row.date));
    // Monday 31 August to Friday 27 November 2026 has 65 weekdays. Without 31 August
    // and with Monday 30 November to Thursday 3 December, 68 remain.
    expect(dates[0]).toBe("2026-09-01");
    expect(dates.at(-1)).toBe("2026-12-03");
    expect(dates).toHaveLength(68);
    const weekend = await scalar(db, "SELECT count(*) FROM attendance WHERE strftime('%w', date) IN ('0', '6')");
    expect(weekend).toBe(0);
  });

  test("every status appears", async () => {
    const { db } = await seededDatabase();
    const statuses = await db.$client.execute("SELECT DISTINCT status FROM attendance ORDER BY status");
    expect(statuses.rows.map((row) => row.status)).toEqual(["absent", "excused", "late", "present"]);
  });

  test("Tom has an absence and an overdue fee", async () => {
    const { db } = await seededDatabase();
    const linda = await getUserIdByLogin(db, "linda.brown@example.com");
    const { cards } = await getDashboardByUser({ userId: linda, today: TODAY }, db);
    const tom = cards.find((card) => card.student.name === "Tom Brown")!;
    expect(tom.attendance.absent).toBeGreaterThan(0);
    expect(tom.fees.overdueCount).toBe(1);
    expect(tom.fees.overdueMinor).toBe(2_500);
    expect(tom.fees.dueCount).toBe(1);
    expect(tom.latestResult?.examName).toBe("End-of-term exam");
    expect(tom.unreadNotifications).toBeGreaterThan(0);
  });

  test("Lucy has records on every page", async () => {
    const { db } = await seededDatabase();
    const linda = await getUserIdByLogin(db, "linda.brown@example.com");
    const { cards } = await getDashboardByUser({ userId: linda, today: TODAY }, db);
    const lucy = cards.find((card) => card.student.name === "Lucy Brown")!;
    expect(lucy.attendance.present).toBeGreaterThan(0);
    expect(lucy.attendance.late).toBeGreaterThan(0);
    expect(lucy.latestResult).not.toBeNull();
    expect(lucy.fees.dueCount).toBe(1);
  });

  test("no results of later exams", async () => {
    const { db } = await seededDatabase("2026-11-01");
    const later = await scalar(
      db,
      "SELECT count(*) FROM results r JOIN exams e ON e.id = r.exam_id WHERE e.date >= '2026-11-01'",
    );
    expect(later).toBe(0);
    expect(await scalar(db, "SELECT count(*) FROM payments WHERE paid_on >= '2026-11-01'")).toBe(0);
    expect(await scalar(db, "SELECT count(*) FROM attendance WHERE date >= '2026-11-01'")).toBe(0);
  });

  test("generated parent sees one child", async () => {
    // The browser tests log in as this parent to check the one-child redirect.
    const { db } = await seededDatabase();
    const parent = await getUserIdByLogin(db, "olivia.king1@example.com");
    expect(await getVisibleStudents(db, parent)).toHaveLength(1);
  });

  test("generated logins are unique", async () => {
    const { db } = await seededDatabase();
    const users = await countRows(db, "users");
    expect(await scalar(db, "SELECT count(DISTINCT login) FROM users")).toBe(users);
    expect(await scalar(db, "SELECT count(DISTINCT name) FROM students")).toBe(60);
  });
});
