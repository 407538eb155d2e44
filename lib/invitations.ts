import { eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { users } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { enqueueEmail } from "@/lib/email/outbox";
import { issuePasswordToken } from "@/lib/auth/tokens";
import { linkStateChange } from "@/lib/audit/link-state";
import { recordAudit } from "@/lib/audit/record";

/**
 * Issues a new set-password link for a user (voiding older links), queues
 * the invitation email and records invitation.queued, all in the caller's
 * transaction. Returns the outbox row id,
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
