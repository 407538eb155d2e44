import { eq } from "drizzle-orm";
import { writeTransaction, type Database } from "@/db/client";
import { users } from "@/db/schema";
import type { ActionResult } from "@/lib/actions";
import {
  describeManagerEmailThrottle,
  getRequestClientAddress,
  managerEmailCounters,
} from "@/lib/auth/email-throttle";
import { takeThrottleSlot } from "@/lib/auth/throttle";
import { queueInvitation } from "@/lib/invitations";
import { deliverAfterResponse } from "./deliver-email";

/**
 * Issues a new set-password link for a portal user, which voids the older
 * links, and queues the invitation email. Users who have already set a
 * password, or are deactivated, get nothing, and neither does a user who
 * has had MAX_MANAGER_EMAILS_PER_USER emails from managers in the current
 * throttle window. The checks run in the same transaction as the insert, so a
 * password set meanwhile is seen.
 */
export async function resendInvitation(
  db: Database,
  userId: number,
  now: Date = new Date(),
): Promise<ActionResult> {
  const address = await getRequestClientAddress();
  const outcome = await writeTransaction(db, async (tx) => {
    const user = await tx.query.users.findFirst({ where: eq(users.id, userId) });
    if (!user) return { status: "user_not_found" } as const;
    if (user.passwordHash) return { status: "accepted", login: user.login } as const;
    if (!user.active) return { status: "deactivated", login: user.login } as const;
    const decision = await takeThrottleSlot(tx, managerEmailCounters({ login: user.login, address }), now);
    if (!decision.allowed) return { status: "throttled", login: user.login, decision } as const;
    const outboxId = await queueInvitation(tx, user.id);
    return { status: "queued", login: user.login, outboxId } as const;
  });

  switch (outcome.status) {
    case "user_not_found":
      return { ok: false, message: "This portal user no longer exists. Reload the page." };
    case "accepted":
      return {
        ok: false,
        message: `${outcome.login} has already set a password, so no invitation was sent.`,
      };
    case "deactivated":
      return {
        ok: false,
        message: `The portal user ${outcome.login} is deactivated, so no invitation was sent.`,
      };
    case "throttled":
      return { ok: false, message: describeManagerEmailThrottle(outcome.login, outcome.decision, now) };
    case "queued":
      deliverAfterResponse(outcome.outboxId);
      return {
        ok: true,
        message: `A new invitation is on its way to ${outcome.login}. Links in earlier invitations no longer work.`,
      };
  }
}
