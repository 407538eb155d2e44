import { eq, sql } from "drizzle-orm";
import { writeTransaction, type Database, type Executor } from "@/db/client";
import { notificationPreferences } from "@/db/schema";
import { DEFAULT_EMAIL_MODE, notificationKinds, type EmailMode, type NotificationKind } from "./kinds";

export type EmailPreferences = Record<NotificationKind, EmailMode>;

/** Returns the user's email mode for every kind; a kind with no stored row is immediate. */
export async function getEmailPreferences(db: Executor, userId: number): Promise<EmailPreferences> {
  const rows = await db
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  const stored = new Map(rows.map((row) => [row.kind, row.emailMode]));
  return Object.fromEntries(
    notificationKinds.map((kind) => [kind, stored.get(kind) ?? DEFAULT_EMAIL_MODE]),
  ) as EmailPreferences;
}

/** Stores the user's email mode for every kind, in one transaction. */
export async function saveEmailPreferences(
  db: Database,
  userId: number,
  preferences: EmailPreferences,
): Promise<void> {
  const rows = notificationKinds.map((kind) => ({ userId, kind, emailMode: preferences[kind] }));
  await writeTransaction(db, (tx) =>
    tx
      .insert(notificationPreferences)
      .values(rows)
      .onConflictDoUpdate({
        target: [notificationPreferences.userId, notificationPreferences.kind],
        set: { emailMode: sql`excluded.email_mode` },
      }),
  );
}
