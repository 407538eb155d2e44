import { inArray } from "drizzle-orm";
import { writeTransaction, type Database, type Transaction } from "@/db/client";
import { users } from "@/db/schema";
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
  | "user_not_found";

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
 * a password, are deactivated or are not parent users get nothing. Works in
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
    } else {
      const outboxId = await queueInvitation(tx, id, now);
      results.push({ ...row, outcome: "queued", outboxId });
    }
  }
  return results;
}
