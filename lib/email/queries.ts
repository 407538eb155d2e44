import { and, count, desc, eq, inArray, max, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { emailOutbox, passwordTokens, users } from "@/db/schema";
import { MAX_ATTEMPTS } from "@/lib/email/outbox";

/**
 * The state of a portal user's invitation, derived from the user's password,
 * the newest invitation token and the newest invitation email.
 */
export type InvitationStatus =
  | { state: "accepted" }
  | { state: "expired" }
  | { state: "queued" }
  | { state: "sent" }
  | { state: "failed"; lastError: string; retrying: boolean }
  | { state: "not_sent" };

type UserPasswordRow = { id: number; hasPassword: boolean };
type NewestEmailRow = {
  userId: number | null;
  status: (typeof emailOutbox.$inferSelect)["status"];
  attempts: number;
  lastError: string | null;
};
type NewestTokenRow = { userId: number; expiresAt: Date; usedAt: Date | null };

function deriveInvitationStatus(
  user: UserPasswordRow,
  email: NewestEmailRow | undefined,
  token: NewestTokenRow | undefined,
  now: Date,
): InvitationStatus {
  if (user.hasPassword) return { state: "accepted" };
  if (token && !token.usedAt && token.expiresAt.getTime() <= now.getTime()) {
    return { state: "expired" };
  }
  if (!email) return { state: "not_sent" };
  if (email.status === "sent") return { state: "sent" };
  if (email.status === "failed") {
    return {
      state: "failed",
      lastError: email.lastError ?? "unknown error",
      retrying: email.attempts < MAX_ATTEMPTS,
    };
  }
  // "sending" is a short-lived claim by the delivery worker: not sent yet.
  return { state: "queued" };
}

/**
 * Returns the invitation status of each given user, in three queries however
 * many users are passed. Unknown user ids are left out of the map.
 */
export async function getInvitationStatuses(
  { userIds }: { userIds: number[] },
  db: Executor = getDb(),
  now = new Date(),
): Promise<Map<number, InvitationStatus>> {
  const statuses = new Map<number, InvitationStatus>();
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return statuses;

  // Ids grow with every insert, so the highest id per user is the newest row.
  const newestEmailIds = db
    .select({ id: max(emailOutbox.id) })
    .from(emailOutbox)
    .where(and(inArray(emailOutbox.userId, ids), eq(emailOutbox.template, "invitation")))
    .groupBy(emailOutbox.userId);
  const newestTokenIds = db
    .select({ id: max(passwordTokens.id) })
    .from(passwordTokens)
    .where(and(inArray(passwordTokens.userId, ids), eq(passwordTokens.purpose, "invitation")))
    .groupBy(passwordTokens.userId);

  const [userRows, emailRows, tokenRows] = await Promise.all([
    db
      .select({
        id: users.id,
        hasPassword: sql<boolean>`${users.passwordHash} IS NOT NULL`.mapWith(Boolean),
      })
      .from(users)
      .where(inArray(users.id, ids)),
    db
      .select({
        userId: emailOutbox.userId,
        status: emailOutbox.status,
        attempts: emailOutbox.attempts,
        lastError: emailOutbox.lastError,
      })
      .from(emailOutbox)
      .where(inArray(emailOutbox.id, newestEmailIds)),
    db
      .select({
        userId: passwordTokens.userId,
        expiresAt: passwordTokens.expiresAt,
        usedAt: passwordTokens.usedAt,
      })
      .from(passwordTokens)
      .where(inArray(passwordTokens.id, newestTokenIds)),
  ]);

  const emailByUser = new Map(emailRows.map((row) => [row.userId, row]));
  const tokenByUser = new Map(tokenRows.map((row) => [row.userId, row]));
  for (const user of userRows) {
    statuses.set(
      user.id,
      deriveInvitationStatus(user, emailByUser.get(user.id), tokenByUser.get(user.id), now),
    );
  }
  return statuses;
}

export type OutboxSummary = {
  id: number;
  recipient: string;
  template: string;
  status: (typeof emailOutbox.$inferSelect)["status"];
  attempts: number;
  lastError: string | null;
  transport: string | null;
  createdAt: Date;
  sentAt: Date | null;
};

/** Returns the newest outbox rows, newest first, and how many rows there are in all. */
export async function getOutboxRows(
  { limit }: { limit: number },
  db: Executor = getDb(),
): Promise<{ rows: OutboxSummary[]; total: number }> {
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: emailOutbox.id,
        recipient: emailOutbox.recipient,
        template: emailOutbox.template,
        status: emailOutbox.status,
        attempts: emailOutbox.attempts,
        lastError: emailOutbox.lastError,
        transport: emailOutbox.transport,
        createdAt: emailOutbox.createdAt,
        sentAt: emailOutbox.sentAt,
      })
      .from(emailOutbox)
      .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
      .limit(limit),
    db.select({ total: count() }).from(emailOutbox),
  ]);
  return { rows, total };
}

export type OutboxEmail = typeof emailOutbox.$inferSelect;

/** Returns one outbox row with its payload, or null when no row has that id. */
export async function getOutboxEmailById(
  { id }: { id: number },
  db: Executor = getDb(),
): Promise<OutboxEmail | null> {
  const row = await db.query.emailOutbox.findFirst({ where: eq(emailOutbox.id, id) });
  return row ?? null;
}
