import { count, desc, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { emailOutbox } from "@/db/schema";

// Invitation statuses live in lib/invitation-state.ts; these names stay for existing callers.
export { getInvitationStatuses, type InvitationStatus } from "@/lib/invitation-state";

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
