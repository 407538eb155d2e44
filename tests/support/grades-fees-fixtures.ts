import { sql } from "drizzle-orm";
import { writeTransaction, type Database } from "@/db/client";
import { courses, enrolments } from "@/db/schema";
import {
  createUserForParent,
  insertParent,
  insertStudent,
  insertStudentWithUser,
} from "./test-db";

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

/**
 * Builds the small school the grade and fee tests use, through the domain
 * functions: Tom Brown (portal user, child of Linda Brown), John Smith (portal
 * user, no parent user) and Amy Jones (no portal user, so nobody may see her).
 * Tom and John are enrolled in Mathematics 7, which has no subjects yet. The
 * demo seed is not used because its generated records would change the counts.
 */
export async function seedSchool(db: Database): Promise<DemoSchool> {
  const tom = await insertStudentWithUser(db, { name: "Tom Brown", email: "tom.brown@example.com" });
  const john = await insertStudentWithUser(db, { name: "John Smith", email: "john.smith@example.com" });
  const amy = await insertStudent(db, { name: "Amy Jones", email: "amy.jones@example.com" });
  const linda = await insertParent(
    db,
    { name: "Linda Brown", email: "linda.brown@example.com" },
    [tom.studentId],
    "mother",
  );
  const lindaUser = await createUserForParent(db, linda);
  const math = await writeTransaction(db, async (tx) => {
    const [course] = await tx
      .insert(courses)
      .values({ code: "MATH-7", name: "Mathematics 7" })
      .returning({ id: courses.id });
    await tx.insert(enrolments).values([
      { studentId: tom.studentId, courseId: course.id },
      { studentId: john.studentId, courseId: course.id },
    ]);
    return course.id;
  });
  return {
    tom: tom.studentId,
    john: john.studentId,
    amy,
    tomUser: tom.userId,
    lindaUser,
    johnUser: john.userId,
    math,
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
