import { and, asc, eq, inArray, isNull, ne, notExists, or, sql } from "drizzle-orm";
import { writeTransaction, type Database, type Transaction } from "@/db/client";
import {
  emailOutbox,
  notificationPreferences,
  notifications,
  students,
  users,
} from "@/db/schema";
import type { DigestEmailProps, DigestGroup } from "@/emails/digest-email";
import type { NotificationEmailProps } from "@/emails/notification-email";
import { enqueueEmail } from "@/lib/email/outbox";
import { getEnv } from "@/lib/env";
import { formatSchoolDate, schoolDateOf } from "@/lib/school-calendar";
import { DEFAULT_EMAIL_MODE, DIGEST_HOUR, safeSitePath } from "./kinds";
import { formatSchoolDateTime, schoolHourOf } from "./time";

export { DIGEST_HOUR };

// Ids per `IN (…)` list, well below SQLite's limit of 32,766 bound values.
const ID_CHUNK = 500;

/** The email mode of each notification's kind for its user, immediate when no row is stored. */
const emailModeOfNotification = sql<string>`coalesce(${notificationPreferences.emailMode}, ${DEFAULT_EMAIL_MODE})`;

const pendingColumns = {
  id: notifications.id,
  userId: notifications.userId,
  kind: notifications.kind,
  title: notifications.title,
  body: notifications.body,
  link: notifications.link,
  createdAt: notifications.createdAt,
  studentId: notifications.studentId,
  studentName: students.name,
  login: users.login,
  userName: users.name,
  userActive: users.active,
  emailMode: emailModeOfNotification,
};

function siteUrls() {
  const { APP_URL, SCHOOL_NAME } = getEnv();
  return {
    schoolName: SCHOOL_NAME,
    notificationsUrl: `${APP_URL}/portal/notifications`,
    settingsUrl: `${APP_URL}/portal/settings/notifications`,
    absolute: (link: string | null) => {
      const path = safeSitePath(link);
      return path ? `${APP_URL}${path}` : null;
    },
  };
}

async function markEmailed(tx: Transaction, ids: number[], now: Date): Promise<void> {
  for (let start = 0; start < ids.length; start += ID_CHUNK) {
    await tx
      .update(notifications)
      .set({ emailedAt: now })
      .where(inArray(notifications.id, ids.slice(start, start + ID_CHUNK)));
  }
}

/**
 * Queues the emails of notifications not yet emailed, in one transaction.
 * Mode "immediate" (the default) queues one email per notification to the
 * user's login; mode "off" and inactive users get no email. Both are then
 * marked emailed. Mode "daily" is left for queueDailyDigests. Returns the new
 * outbox ids, so a caller can deliver them at once.
 */
export async function queueNotificationEmails(
  db: Database,
  now = new Date(),
): Promise<{ outboxIds: number[]; skipped: number }> {
  const site = siteUrls();
  return writeTransaction(db, async (tx) => {
    const pending = await tx
      .select(pendingColumns)
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .leftJoin(students, eq(students.id, notifications.studentId))
      .leftJoin(
        notificationPreferences,
        and(
          eq(notificationPreferences.userId, notifications.userId),
          eq(notificationPreferences.kind, notifications.kind),
        ),
      )
      .where(
        and(
          isNull(notifications.emailedAt),
          or(ne(emailModeOfNotification, "daily"), eq(users.active, false)),
        ),
      )
      // The unary plus keeps SQLite on the partial index of notifications not
      // yet emailed, instead of walking the whole table in id order.
      .orderBy(sql`+${notifications.id}`);

    const outboxIds: number[] = [];
    for (const row of pending) {
      if (!row.userActive || row.emailMode !== "immediate") continue;
      const payload: NotificationEmailProps = {
        schoolName: site.schoolName,
        recipientName: row.userName,
        kind: row.kind,
        title: row.title,
        body: row.body,
        studentName: row.studentName,
        createdAt: formatSchoolDateTime(row.createdAt),
        link: site.absolute(row.link),
        notificationsUrl: site.notificationsUrl,
        settingsUrl: site.settingsUrl,
      };
      outboxIds.push(
        await enqueueEmail(
          tx,
          { recipient: row.login, template: "notification", payload, userId: row.userId },
          now,
        ),
      );
    }
    await markEmailed(
      tx,
      pending.map((row) => row.id),
      now,
    );
    return { outboxIds, skipped: pending.length - outboxIds.length };
  });
}

type PendingRow = {
  kind: DigestGroup["items"][number]["kind"];
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
  studentId: number | null;
  studentName: string | null;
};

/** Groups a user's items: school-wide ones first, then one group per child, sorted by name. */
function groupByChild(rows: PendingRow[], absolute: (link: string | null) => string | null): DigestGroup[] {
  const groups = new Map<number | null, DigestGroup>();
  for (const row of rows) {
    const group = groups.get(row.studentId) ?? { studentName: row.studentName, items: [] };
    group.items.push({
      kind: row.kind,
      title: row.title,
      body: row.body,
      createdAt: formatSchoolDateTime(row.createdAt),
      link: absolute(row.link),
    });
    groups.set(row.studentId, group);
  }
  return [...groups.values()].sort((a, b) => {
    if (a.studentName === null) return -1;
    if (b.studentName === null) return 1;
    return a.studentName.localeCompare(b.studentName);
  });
}

/**
 * Queues one digest email per user with notifications waiting in mode
 * "daily", covering all their children, once per school-local day from
 * DIGEST_HOUR on. Each digest row stores its day in the outbox payload
 * (`digestDate`). A user who already has a digest for that day is skipped in
 * the same transaction, so a second call, a restart or a second server sends
 * no second digest. Items raised after that day's digest wait for the next
 * day's. Returns the new outbox ids.
 */
export async function queueDailyDigests(
  db: Database,
  now = new Date(),
): Promise<{ outboxIds: number[] }> {
  if (schoolHourOf(now) < DIGEST_HOUR) return { outboxIds: [] };
  const digestDate = schoolDateOf(now);
  const site = siteUrls();
  return writeTransaction(db, async (tx) => {
    const alreadySent = tx
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(
        and(
          eq(emailOutbox.template, "digest"),
          eq(emailOutbox.userId, notifications.userId),
          sql`json_extract(${emailOutbox.payload}, '$.digestDate') = ${digestDate}`,
        ),
      );
    const pending = await tx
      .select(pendingColumns)
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .leftJoin(students, eq(students.id, notifications.studentId))
      .innerJoin(
        notificationPreferences,
        and(
          eq(notificationPreferences.userId, notifications.userId),
          eq(notificationPreferences.kind, notifications.kind),
        ),
      )
      .where(
        and(
          isNull(notifications.emailedAt),
          eq(notificationPreferences.emailMode, "daily"),
          eq(users.active, true),
          notExists(alreadySent),
        ),
      )
      .orderBy(asc(notifications.userId), asc(notifications.id));

    const byUser = new Map<number, typeof pending>();
    for (const row of pending) {
      byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
    }
    const outboxIds: number[] = [];
    for (const [userId, rows] of byUser) {
      const payload: DigestEmailProps = {
        schoolName: site.schoolName,
        recipientName: rows[0].userName,
        digestDate,
        digestDateLabel: formatSchoolDate(digestDate),
        groups: groupByChild(rows, site.absolute),
        notificationsUrl: site.notificationsUrl,
        settingsUrl: site.settingsUrl,
      };
      outboxIds.push(
        await enqueueEmail(tx, { recipient: rows[0].login, template: "digest", payload, userId }, now),
      );
    }
    await markEmailed(
      tx,
      pending.map((row) => row.id),
      now,
    );
    return { outboxIds };
  });
}
