import { and, eq, inArray, isNotNull, or } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import {
  notifications,
  students,
  userChildren,
  users,
  type NotificationKind,
} from "@/db/schema";

// Rows per INSERT statement. At 7 bound values a row, 500 rows stay far below
// SQLite's limit of 32,766 bound values per statement.
const INSERT_CHUNK_ROWS = 500;

export type StudentEvent = {
  studentId: number;
  kind: NotificationKind;
  title: string;
  body: string;
  /** A path on this site, such as /portal/students/3/attendance. */
  link?: string;
};

/**
 * Finds the active portal users who may see each student under the access
 * rule: the student's own user and every parent user whose child_ids contain it.
 * Returns a map from student id to user ids, in one query.
 */
export async function getRecipientsOfStudents(
  tx: Transaction,
  studentIds: number[],
): Promise<Map<number, number[]>> {
  const recipients = new Map<number, number[]>();
  if (studentIds.length === 0) return recipients;
  const rows = await tx
    .selectDistinct({ studentId: students.id, userId: users.id })
    .from(students)
    .leftJoin(userChildren, eq(userChildren.childUserId, students.userId))
    .innerJoin(
      users,
      or(eq(users.id, students.userId), eq(users.id, userChildren.parentUserId)),
    )
    .where(
      and(
        inArray(students.id, studentIds),
        eq(students.active, true),
        isNotNull(students.userId),
        eq(users.active, true),
      ),
    );
  for (const row of rows) {
    recipients.set(row.studentId, [...(recipients.get(row.studentId) ?? []), row.userId]);
  }
  return recipients;
}

/**
 * Records one notification per recipient of each event, in the caller's
 * transaction. Returns the ids of the new notification rows, which the email
 * step (immediate emails and daily digests) works from.
 */
export async function raiseStudentNotifications(
  tx: Transaction,
  events: StudentEvent[],
  now = new Date(),
): Promise<number[]> {
  if (events.length === 0) return [];
  const recipients = await getRecipientsOfStudents(
    tx,
    [...new Set(events.map((event) => event.studentId))],
  );
  const rows = events.flatMap((event) =>
    (recipients.get(event.studentId) ?? []).map((userId) => ({
      userId,
      studentId: event.studentId,
      kind: event.kind,
      title: event.title,
      body: event.body,
      link: event.link ?? null,
      createdAt: now,
    })),
  );
  const ids: number[] = [];
  for (let start = 0; start < rows.length; start += INSERT_CHUNK_ROWS) {
    const inserted = await tx
      .insert(notifications)
      .values(rows.slice(start, start + INSERT_CHUNK_ROWS))
      .returning({ id: notifications.id });
    ids.push(...inserted.map((row) => row.id));
  }
  return ids;
}
