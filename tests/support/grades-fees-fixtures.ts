import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { seedDemoSchool } from "@/db/seed";
import { courses, students } from "@/db/schema";
import { getUserIdByLogin } from "./test-db";

export type DemoSchool = {
  tom: number;
  john: number;
  amy: number;
  tomUser: number;
  lindaUser: number;
  johnUser: number;
  /** Mathematics 7, in which Tom and John are enrolled. */
  math: number;
};

async function studentId(db: Database, name: string): Promise<number> {
  const row = await db.query.students.findFirst({ where: eq(students.name, name) });
  if (!row) throw new Error(`Student "${name}" not found in the demo seed`);
  return row.id;
}

/**
 * Seeds the demo school into an empty test database and returns the ids the
 * grade and fee tests use. Tom Brown has a portal user and is Linda Brown's
 * child; Amy Jones has no portal user, so nobody may see her.
 */
export async function seedSchool(db: Database): Promise<DemoSchool> {
  if ((await seedDemoSchool(db, "unit-test-password")) === null) {
    throw new Error("seedDemoSchool did not seed the new database");
  }
  const math = await db.query.courses.findFirst({ where: eq(courses.code, "MATH-7") });
  if (!math) throw new Error("Course MATH-7 not found in the demo seed");
  return {
    tom: await studentId(db, "Tom Brown"),
    john: await studentId(db, "John Smith"),
    amy: await studentId(db, "Amy Jones"),
    tomUser: await getUserIdByLogin(db, "tom.brown@example.com"),
    lindaUser: await getUserIdByLogin(db, "linda.brown@example.com"),
    johnUser: await getUserIdByLogin(db, "john.smith@example.com"),
    math: math.id,
  };
}

export type StoredNotification = { userId: number; studentId: number; kind: string; title: string; body: string; link: string };

/** Reads every notification with raw SQL, ordered by id. */
export async function readNotifications(db: Database): Promise<StoredNotification[]> {
  const result = await db.run(
    sql`SELECT user_id, student_id, kind, title, body, link FROM notifications ORDER BY id`,
  );
  return result.rows.map((row) => ({
    userId: Number(row.user_id),
    studentId: Number(row.student_id),
    kind: String(row.kind),
    title: String(row.title),
    body: String(row.body),
    link: String(row.link),
  }));
}
