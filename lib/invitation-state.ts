import { and, eq, inArray, max, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { emailOutbox, parents, passwordTokens, users, type EmailStatus } from "@/db/schema";
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

/** An invitation status, or "not_invited" for a parent who has no portal user. */
export type InvitationState = InvitationStatus | { state: "not_invited" };
export type InvitationStateName = InvitationState["state"];

/** A user's invitation status with the times a manager needs to judge it. */
export type InvitationDetail = {
  status: InvitationStatus;
  /** When the newest invitation link was issued, or null when none was. */
  invitedAt: Date | null;
  /** The newest invitation email, or null when none was queued. */
  lastEmail: { status: EmailStatus; at: Date } | null;
};

type UserPasswordRow = { id: number; hasPassword: boolean };
type NewestEmailRow = {
  userId: number | null;
  status: EmailStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date | null;
  sentAt: Date | null;
};
type NewestTokenRow = { userId: number; expiresAt: Date; usedAt: Date | null; createdAt: Date };

/** Derives one user's status. lib/invitation-report.ts repeats these rules in SQL to filter by state. */
export function deriveInvitationStatus(
  user: { hasPassword: boolean },
  email: Pick<NewestEmailRow, "status" | "attempts" | "lastError"> | undefined,
  token: Pick<NewestTokenRow, "expiresAt" | "usedAt"> | undefined,
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
 * Returns the invitation status of each given user with the time of the
 * newest link and email, in three queries however many users are passed.
 * Unknown user ids are left out of the map.
 */
export async function getInvitationDetails(
  { userIds, now = new Date() }: { userIds: number[]; now?: Date },
  db: Executor = getDb(),
): Promise<Map<number, InvitationDetail>> {
  const details = new Map<number, InvitationDetail>();
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return details;

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
        createdAt: emailOutbox.createdAt,
        updatedAt: emailOutbox.updatedAt,
        sentAt: emailOutbox.sentAt,
      })
      .from(emailOutbox)
      .where(inArray(emailOutbox.id, newestEmailIds)),
    db
      .select({
        userId: passwordTokens.userId,
        expiresAt: passwordTokens.expiresAt,
        usedAt: passwordTokens.usedAt,
        createdAt: passwordTokens.createdAt,
      })
      .from(passwordTokens)
      .where(inArray(passwordTokens.id, newestTokenIds)),
  ]);

  const emailByUser = new Map(emailRows.map((row) => [row.userId, row]));
  const tokenByUser = new Map(tokenRows.map((row) => [row.userId, row]));
  for (const user of userRows satisfies UserPasswordRow[]) {
    const email = emailByUser.get(user.id);
    const token = tokenByUser.get(user.id);
    details.set(user.id, {
      status: deriveInvitationStatus(user, email, token, now),
      invitedAt: token?.createdAt ?? null,
      lastEmail: email
        ? { status: email.status, at: email.sentAt ?? email.updatedAt ?? email.createdAt }
        : null,
    });
  }
  return details;
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
  const details = await getInvitationDetails({ userIds, now }, db);
  return new Map([...details].map(([userId, detail]) => [userId, detail.status]));
}

export type ParentInvitation = Omit<InvitationDetail, "status"> & {
  status: InvitationState;
  /** The parent's portal user, or null when the parent has none. */
  userId: number | null;
};

/**
 * Returns the invitation state of each given parent, "not_invited" for a
 * parent without a portal user, in four queries however many parents are
 * passed. Unknown parent ids are left out of the map.
 */
export async function getParentInvitationStates(
  { parentIds, now = new Date() }: { parentIds: number[]; now?: Date },
  db: Executor = getDb(),
): Promise<Map<number, ParentInvitation>> {
  const states = new Map<number, ParentInvitation>();
  const ids = [...new Set(parentIds)];
  if (ids.length === 0) return states;
  const rows = await db
    .select({ id: parents.id, userId: parents.userId })
    .from(parents)
    .where(inArray(parents.id, ids));
  const userIds = rows.flatMap((row) => (row.userId === null ? [] : [row.userId]));
  const details = await getInvitationDetails({ userIds, now }, db);
  for (const row of rows) {
    const detail = row.userId === null ? undefined : details.get(row.userId);
    states.set(
      row.id,
      detail
        ? { ...detail, userId: row.userId }
        : { status: { state: "not_invited" }, invitedAt: null, lastEmail: null, userId: null },
    );
  }
  return states;
}

/**
 * Returns whether a manager may send a fresh invitation: the link failed,
 * expired or was never sent, or it was sent but no password was set yet.
 * A queued email is already on its way, and an accepted one needs none.
 */
export function canResendInvitation(status: InvitationState): boolean {
  return ["failed", "expired", "sent", "not_sent"].includes(status.state);
}
