import { after } from "next/server";
import { getDb } from "@/db/client";
import { deliverDueEmails } from "@/lib/email/outbox";

/**
 * Sends a queued outbox row once the response has been sent, so the manager
 * does not wait on the mail API. A failure stays in the outbox for retry.
 */
export function deliverAfterResponse(outboxId: number): void {
  after(async () => {
    try {
      await deliverDueEmails(getDb(), { ids: [outboxId] });
    } catch (error) {
      console.error(`email outbox ${outboxId}: delivery after response failed`, error);
    }
  });
}
