import { after } from "next/server";
import { getDb } from "@/db/client";
import { deliverDueEmails } from "@/lib/email/outbox";

/**
 * Sends queued outbox rows once the response has been sent, so the manager
 * does not wait on the mail API. A failure stays in the outbox for retry.
 */
export function deliverAfterResponse(outboxIds: number | number[]): void {
  const ids = Array.isArray(outboxIds) ? outboxIds : [outboxIds];
  if (ids.length === 0) return;
  after(async () => {
    try {
      await deliverDueEmails(getDb(), { ids });
    } catch (error) {
      console.error(`email outbox ${ids.join(", ")}: delivery after response failed`, error);
    }
  });
}
