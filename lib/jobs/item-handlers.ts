import { eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { parents, users, type BulkJobKind } from "@/db/schema";
import { queueInvitation } from "@/lib/invitations";
import { takeInvitationSlot } from "@/lib/reinvite-parents";
import {
  createParentUserInTransaction,
  type ExistingAccount,
} from "@/lib/parents/create-parent-user";
import type { BulkOutcome } from "./outcomes";

/** The result of one item, stored on its bulk_job_items row. */
export type ItemResult = {
  outcome: BulkOutcome;
  detail: string | null;
  userId: number | null;
  /** The invitation email queued for this item, delivered once the transaction commits. */
  outboxId?: number;
};

type ItemHandler = (tx: Transaction, parentId: number, now: Date) => Promise<ItemResult>;

const accountKindNames: Record<ExistingAccount["kind"], string> = {
  parent: "parent account",
  student: "student account",
  staff: "staff account",
  portal: "portal account",
};

async function createUserItem(tx: Transaction, parentId: number, now: Date): Promise<ItemResult> {
  const result = await createParentUserInTransaction(tx, { parentId }, now);
  switch (result.status) {
    case "created":
      return {
        outcome: "created",
        detail: result.login,
        userId: result.userId,
        outboxId: result.outboxId,
      };
    case "linked":
    case "already_has_user":
      return { outcome: "already_has_user", detail: result.login || null, userId: result.userId };
    case "no_email":
      return {
        outcome: "skipped_no_email",
        detail: "Neither the parent nor its contact has an email address.",
        userId: null,
      };
    case "invalid_email":
      return { outcome: "invalid_email", detail: result.message, userId: null };
    case "login_exists": {
      const { account } = result;
      const shareHint = result.canShare ? " Open the parent to share that account." : "";
      return {
        outcome: "skipped_login_exists",
        detail: `${account.name} (${account.login}) already uses this login: ${accountKindNames[account.kind]}.${shareHint}`,
        userId: null,
      };
    }
    case "parent_not_found":
      return { outcome: "skipped_parent_not_found", detail: null, userId: null };
  }
}

async function reinviteItem(tx: Transaction, parentId: number, now: Date): Promise<ItemResult> {
  const [row] = await tx
    .select({
      userId: users.id,
      login: users.login,
      active: users.active,
      passwordHash: users.passwordHash,
    })
    .from(parents)
    .leftJoin(users, eq(users.id, parents.userId))
    .where(eq(parents.id, parentId));
  if (!row) return { outcome: "skipped_parent_not_found", detail: null, userId: null };
  if (row.userId === null || row.login === null) {
    return { outcome: "skipped_no_user", detail: null, userId: null };
  }
  if (row.passwordHash) {
    return { outcome: "skipped_already_active", detail: row.login, userId: row.userId };
  }
  if (!row.active) {
    return { outcome: "skipped_deactivated", detail: row.login, userId: row.userId };
  }
  if (!(await takeInvitationSlot(tx, row.login, now))) {
    return { outcome: "skipped_too_many_emails", detail: row.login, userId: row.userId };
  }
  const outboxId = await queueInvitation(tx, row.userId, now);
  return { outcome: "invited", detail: row.login, userId: row.userId, outboxId };
}

/** The work done for one parent by each kind of job, run inside the item's transaction. */
export const itemHandlers: Record<BulkJobKind, ItemHandler> = {
  create_parent_users: createUserItem,
  reinvite_parents: reinviteItem,
};
