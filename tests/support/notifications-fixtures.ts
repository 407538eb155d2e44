import { eq, sql } from "drizzle-orm";
import { writeTransaction, type Database } from "@/db/client";
import { courses, enrolments, users } from "@/db/schema";
import {
  createUserForParent,
  insertManager,
  insertParent,
  insertStudentWithUser,
} from "./test-db";

export type NotificationsSchool = {
  managerId: number;
  mathId: number;
  scienceId: number;
  /** Two children in maths, both with portal users, and their parent. */
  ann: { studentId: number; userId: number };
  ben: { studentId: number; userId: number };
  brownParentUserId: number;
  /** Another family: Cara in science, and her parent. */
  cara: { studentId: number; userId: number };
  greenParentUserId: number;
  /** Dan is in maths; his parent's user is deactivated. */
  dan: { studentId: number; userId: number };
  inactiveParentUserId: number;
};

/**
 * Builds a small school for the notification tests: the Browns (one parent
 * user, Ann and Ben in maths), the Greens (Cara in science), and the Whites
 * (Dan in maths, whose parent user is inactive), plus a manager.
 */
export async function createNotificationsSchool(db: Database): Promise<NotificationsSchool> {
  const managerId = await insertManager(db, "office@example.com");
  const ann = await insertStudentWithUser(db, { name: "Ann Brown", email: "ann.brown@example.com" });
  const ben = await insertStudentWithUser(db, { name: "Ben Brown", email: "ben.brown@example.com" });
  const cara = await insertStudentWithUser(db, { name: "Cara Green", email: "cara.green@example.com" });
  const dan = await insertStudentWithUser(db, { name: "Dan White", email: "dan.white@example.com" });

  const brownParent = await insertParent(db, { name: "Bea Brown", email: "bea.brown@example.com" }, [
    ann.studentId,
    ben.studentId,
  ]);
  const greenParent = await insertParent(db, { name: "Gil Green", email: "gil.green@example.com" }, [
    cara.studentId,
  ]);
  const whiteParent = await insertParent(db, { name: "Wes White", email: "wes.white@example.com" }, [
    dan.studentId,
  ]);
  const brownParentUserId = await createUserForParent(db, brownParent);
  const greenParentUserId = await createUserForParent(db, greenParent);
  const inactiveParentUserId = await createUserForParent(db, whiteParent);

  const [mathId, scienceId] = await writeTransaction(db, async (tx) => {
    const rows = await tx
      .insert(courses)
      .values([
        { code: "MATH-7", name: "Mathematics 7" },
        { code: "SCI-5", name: "Science 5" },
      ])
      .returning({ id: courses.id });
    const [math, science] = rows.map((row) => row.id);
    await tx.insert(enrolments).values([
      { studentId: ann.studentId, courseId: math },
      { studentId: ben.studentId, courseId: math },
      { studentId: dan.studentId, courseId: math },
      { studentId: cara.studentId, courseId: science },
    ]);
    await tx.update(users).set({ active: false }).where(eq(users.id, inactiveParentUserId));
    return [math, science];
  });

  return {
    managerId,
    mathId,
    scienceId,
    ann,
    ben,
    brownParentUserId,
    cara,
    greenParentUserId,
    dan,
    inactiveParentUserId,
  };
}

export type StoredNotification = {
  id: number;
  userId: number;
  studentId: number | null;
  kind: string;
  title: string;
  emailedAt: number | null;
  readAt: number | null;
};

/** Reads every notification with raw SQL, ordered by user and id. */
export async function readNotifications(db: Database): Promise<StoredNotification[]> {
  const result = await db.run(
    sql`SELECT id, user_id, student_id, kind, title, emailed_at, read_at FROM notifications ORDER BY user_id, id`,
  );
  return result.rows.map((row) => ({
    id: Number(row.id),
    userId: Number(row.user_id),
    studentId: row.student_id === null ? null : Number(row.student_id),
    kind: String(row.kind),
    title: String(row.title),
    emailedAt: row.emailed_at === null ? null : Number(row.emailed_at),
    readAt: row.read_at === null ? null : Number(row.read_at),
  }));
}

export type StoredEmail = { id: number; recipient: string; template: string; payload: Record<string, unknown> };

/** Reads the outbox rows of one template with raw SQL, in id order. */
export async function readOutbox(db: Database, template: string): Promise<StoredEmail[]> {
  const result = await db.run(
    sql`SELECT id, recipient, template, payload FROM email_outbox WHERE template = ${template} ORDER BY id`,
  );
  return result.rows.map((row) => ({
    id: Number(row.id),
    recipient: String(row.recipient),
    template: String(row.template),
    payload: JSON.parse(String(row.payload)) as Record<string, unknown>,
  }));
}
