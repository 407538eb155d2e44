import { and, count, desc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import { writeTransaction, type Database, type Executor } from "@/db/client";
import { notifications, students, type NotificationKind } from "@/db/schema";
import { studentVisibleTo } from "@/lib/access/rule";

export const NOTIFICATIONS_PAGE_SIZE = 50;

/**
 * Limits notifications to those a user may read now: their own rows that are
 * school-wide or about a student the access rule still lets them see. A
 * parent who was unlinked from a child no longer reads that child's news.
 */
function readableBy(db: Executor, userId: number) {
  return and(
    eq(notifications.userId, userId),
    or(
      isNull(notifications.studentId),
      inArray(
        notifications.studentId,
        db.select({ id: students.id }).from(students).where(studentVisibleTo(userId)),
      ),
    ),
  );
}

/** Counts the user's unread notifications, in one query. */
export async function countUnreadNotifications(db: Executor, userId: number): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(notifications)
    .where(and(readableBy(db, userId), isNull(notifications.readAt)));
  return row?.value ?? 0;
}

export type NotificationItem = {
  id: number;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  studentId: number | null;
  studentName: string | null;
  readAt: Date | null;
  createdAt: Date;
};

/**
 * Returns one page of the user's notifications, newest first, with the name
 * of the child each one is about. `beforeId` continues after the last row of
 * the previous page. `hasOlder` tells whether another page follows.
 */
export async function getNotificationsPage(
  db: Executor,
  userId: number,
  { beforeId, limit = NOTIFICATIONS_PAGE_SIZE }: { beforeId?: number; limit?: number } = {},
): Promise<{ items: NotificationItem[]; hasOlder: boolean }> {
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      studentId: notifications.studentId,
      studentName: students.name,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .leftJoin(students, eq(students.id, notifications.studentId))
    .where(
      and(readableBy(db, userId), beforeId ? lt(notifications.id, beforeId) : undefined),
    )
    .orderBy(desc(notifications.id))
    .limit(limit + 1);
  return { items: rows.slice(0, limit), hasOlder: rows.length > limit };
}

/**
 * Marks one of the user's notifications as read. Returns false when no
 * notification with that id belongs to the user, so a forged id of someone
 * else's notification changes nothing. Reading it again keeps the first time.
 */
export async function markNotificationRead(
  db: Database,
  userId: number,
  notificationId: number,
  now = new Date(),
): Promise<boolean> {
  const rows = await writeTransaction(db, async (tx) => {
    const owned = and(eq(notifications.id, notificationId), eq(notifications.userId, userId));
    const updated = await tx
      .update(notifications)
      .set({ readAt: now })
      .where(and(owned, isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    if (updated.length > 0) return updated;
    return tx.select({ id: notifications.id }).from(notifications).where(owned);
  });
  return rows.length > 0;
}

/** Marks every unread notification of the user as read; returns how many changed. */
export async function markAllNotificationsRead(
  db: Database,
  userId: number,
  now = new Date(),
): Promise<number> {
  const updated = await writeTransaction(db, (tx) =>
    tx
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id }),
  );
  return updated.length;
}
