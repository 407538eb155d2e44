import { inArray } from "drizzle-orm";
import { writeTransaction, type Database, type Transaction } from "@/db/client";
import { users } from "@/db/schema";
import { MAX_MANAGER_EMAILS_PER_USER } from "@/lib/auth/email-throttle";
import { takeThrottleSlot } from "@/lib/auth/throttle";
import { queueInvitation } from "@/lib/invitations";

/** The maximum number of parents one call re-invites, which bounds the work of one request. */
export const MAX_REINVITES = 500;
/** Users handled per write transaction, so other writers wait at most one batch. */
const BATCH_SIZE = 50;

export type ReinviteOutcome =
  | "queued"
  | "accepted"
  | "deactivated"
  | "not_parent"
  | "user_not_found"
  | "too_many_emails";

export type ReinviteRow = {
  userId: number;
  /** Null when the user no longer exists. */
  name: string | null;
  login: string | null;
  outcome: ReinviteOutcome;
  /** The queued invitation email, for outcome "queued". */
  outboxId: number | null;
};

/**
 * Queues a fresh invitation for each given parent portal user, which voids
 * the older links and stops the older invitation emails. Users who have set
 * a password, are deactivated or are not parent users get nothing, and so does
 * a user who already had MAX_MANAGER_EMAILS_PER_USER invitation or reset
 * emails from managers in the current throttle window. Works in
 * write transactions of BATCH_SIZE users each; queueInvitation records an
 * "invitation.queued" audit event per invitation in the same transaction.
 * Returns one row per distinct id, in the order given; the caller delivers
 * the queued outbox rows once the transactions have committed.
 * Throws a RangeError for more than MAX_REINVITES distinct ids.
 */
export async function reinviteParents(
  db: Database,
  userIds: number[],
  now = new Date(),
): Promise<ReinviteRow[]> {
  const ids = [...new Set(userIds)];
  if (ids.length > MAX_REINVITES) {
    throw new RangeError(`reinviteParents got ${ids.length} users; the maximum is ${MAX_REINVITES}.`);
  }
  const results: ReinviteRow[] = [];
  for (let start = 0; start < ids.length; start += BATCH_SIZE) {
    const batch = ids.slice(start, start + BATCH_SIZE);
    results.push(...(await writeTransaction(db, (tx) => reinviteBatch(tx, batch, now))));
  }
  return results;
}

/**
 * Counts one more invitation email to `login` against the limit that Resend
 * invitation and Send password reset share, and returns false when the limit
 * for the current window is used up.
 */
export async function takeInvitationSlot(tx: Transaction, login: string, now: Date): Promise<boolean> {
  const decision = await takeThrottleSlot(
    tx,
    [{ kind: "invite_account", key: login, limit: MAX_MANAGER_EMAILS_PER_USER }],
    now,
  );
  return decision.allowed;
}

async function reinviteBatch(
  tx: Transaction,
  ids: number[],
  now: Date,
): Promise<ReinviteRow[]> {
  const rows = await tx.query.users.findMany({ where: inArray(users.id, ids) });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const results: ReinviteRow[] = [];
  for (const id of ids) {
    const user = byId.get(id);
    if (!user) {
      results.push({ userId: id, name: null, login: null, outcome: "user_not_found", outboxId: null });
      continue;
    }
    const row = { userId: id, name: user.name, login: user.login, outboxId: null };
    if (user.role !== "portal" || !user.isParent) {
      results.push({ ...row, outcome: "not_parent" });
    } else if (user.passwordHash) {
      results.push({ ...row, outcome: "accepted" });
    } else if (!user.active) {
      results.push({ ...row, outcome: "deactivated" });
    } else if (!(await takeInvitationSlot(tx, user.login, now))) {
      results.push({ ...row, outcome: "too_many_emails" });
    } else {
      const outboxId = await queueInvitation(tx, id, now);
      results.push({ ...row, outcome: "queued", outboxId });
    }
  }
  return results;
}
