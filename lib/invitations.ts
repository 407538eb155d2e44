import { and, eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { emailOutbox, users } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { enqueueEmail, MAX_ATTEMPTS } from "@/lib/email/outbox";
import { issuePasswordToken } from "@/lib/auth/tokens";
import { linkStateChange } from "@/lib/audit/link-state";
import { recordAudit } from "@/lib/audit/record";

export const REPLACED_INVITATION_ERROR = "Not sent: replaced by a newer invitation.";

/**
 * Stops the delivery of a user's older invitation emails that are queued or
 * waiting for a retry, because their links no longer work. A failed row keeps
 * the mail API's reason; a queued row is marked failed with
 * REPLACED_INVITATION_ERROR. Rows being sent at this moment are left alone.
 */
async function stopOlderInvitationEmails(tx: Transaction, userId: number, now: Date) {
  const older = and(eq(emailOutbox.userId, userId), eq(emailOutbox.template, "invitation"));
  await tx
    .update(emailOutbox)
    .set({ attempts: MAX_ATTEMPTS, updatedAt: now })
    .where(and(older, eq(emailOutbox.status, "failed")));
  await tx
    .update(emailOutbox)
    .set({
      status: "failed",
      attempts: MAX_ATTEMPTS,
      lastError: REPLACED_INVITATION_ERROR,
      updatedAt: now,
    })
    .where(and(older, eq(emailOutbox.status, "queued")));
}

/**
 * Issues a new set-password link for a user (voiding older links), stops the
 * delivery of older invitation emails, queues the invitation email and records
 * invitation.queued, all in the caller's transaction. Returns the outbox row id,
 * which the caller hands to deliverDueEmails once the transaction commits.
 */
export async function queueInvitation(
  tx: Transaction,
  userId: number,
  now = new Date(),
): Promise<number> {
  const user = await tx.query.users.findFirst({ where: eq(users.id, userId) });
  if (!user) throw new Error(`User ${userId} not found`);
  const env = getEnv();
  const { token, expiresAt, voided } = await issuePasswordToken(tx, userId, "invitation", now);
  await stopOlderInvitationEmails(tx, userId, now);
  await recordAudit(tx, [
    {
      action: "invitation.queued",
      summary: `Queued an invitation email to ${user.login} for ${user.name}`,
      userId,
      ...linkStateChange(voided, expiresAt),
    },
  ]);
  return enqueueEmail(
    tx,
    {
      recipient: user.login,
      template: "invitation",
      userId,
      payload: {
        schoolName: env.SCHOOL_NAME,
        recipientName: user.name,
        login: user.login,
        setPasswordUrl: `${env.APP_URL}/set-password?token=${token}`,
        expiresAt: expiresAt.toISOString(),
        audience: user.isParent ? "parent" : "student",
      },
    },
    now,
  );
}
