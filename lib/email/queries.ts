import { eq } from "drizzle-orm";
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

export type OutboxEmail = typeof emailOutbox.$inferSelect;

/** Returns one outbox row with its payload, or null when no row has that id. */
export async function getOutboxEmailById(
  { id }: { id: number },
  db: Executor = getDb(),
): Promise<OutboxEmail | null> {
  const row = await db.query.emailOutbox.findFirst({ where: eq(emailOutbox.id, id) });
  return row ?? null;
}
