import type { Transaction } from "@/db/client";
import { recordAudit, SYSTEM_ACTOR } from "./record";

const EMAIL_KINDS: Record<string, string> = {
  invitation: "invitation",
  password_reset: "password reset",
};

/**
 * Records invitation.sent or invitation.failed for an invitation or password
 * reset email, with the system as the author and, on failure, the mail API's
 * reason. Other emails (notifications, digests) record nothing. The event
 * holds the outbox id and attempt, never the link in the email.
 */
export function recordEmailDelivery(
  tx: Transaction,
  email: { id: number; template: string; recipient: string; userId: number | null; attempts: number },
  outcome: { ok: true } | { ok: false; error: string },
): Promise<void> {
  const kind = EMAIL_KINDS[email.template];
  if (!kind) return Promise.resolve();
  // The attempt and the outbox row are the same on both sides, so the only
  // change shown is the status.
  const context = { attempt: email.attempts, email: email.id };
  const before = { status: "sending", ...context };
  return recordAudit(
    tx,
    [
      outcome.ok
        ? {
            action: "invitation.sent",
            summary: `Sent the ${kind} email to ${email.recipient}`,
            userId: email.userId,
            before,
            after: { status: "sent", ...context },
          }
        : {
            action: "invitation.failed",
            summary: `Sending the ${kind} email to ${email.recipient} failed: ${outcome.error.slice(0, 300)}`,
            userId: email.userId,
            before,
            after: { status: "failed", ...context, reason: outcome.error.slice(0, 500) },
          },
    ],
    SYSTEM_ACTOR,
  );
}
