import { and, count, eq, gt } from "drizzle-orm";
import { writeTransaction, type Database, type Transaction } from "@/db/client";
import { passwordTokens, users } from "@/db/schema";
import { managerEmailCounters } from "@/lib/auth/email-throttle";
import { takeThrottleSlot, type ThrottleDecision } from "@/lib/auth/throttle";
import { issuePasswordToken } from "@/lib/auth/tokens";
import { linkStateChange } from "@/lib/audit/link-state";
import { recordAudit, withAuditActor, type AuditActor } from "@/lib/audit/record";
import { enqueueEmail } from "@/lib/email/outbox";
import { getEnv } from "@/lib/env";
import { normalizeLogin } from "@/lib/login";

/** Reset emails one account can be sent from the public form per 15 minutes. */
export const MAX_RESETS_PER_WINDOW = 3;
const RESET_WINDOW_MS = 15 * 60 * 1000;

/** The author of resets requested by a visitor, who is not signed in. */
export const FORGOT_PASSWORD_ACTOR: AuditActor = { userId: null, name: "Forgot password form" };

/** The message every reset request gets, whether or not an account uses the email. */
export const RESET_REQUESTED_MESSAGE =
  "If an account uses that email, a reset link is on its way. It works once and expires in 72 hours.";

type ResettableUser = typeof users.$inferSelect;

function canReset(user: ResettableUser): boolean {
  return user.active && (user.role === "portal" || user.role === "manager");
}

/**
 * Issues a password_reset token for a user (voiding older unused links),
 * queues the reset email and records password.reset_requested, all in the
 * caller's transaction. Returns the outbox id.
 */
export async function queuePasswordReset(
  tx: Transaction,
  user: ResettableUser,
  now = new Date(),
): Promise<number> {
  const env = getEnv();
  const { token, expiresAt, voided } = await issuePasswordToken(tx, user.id, "password_reset", now);
  await recordAudit(tx, [
    {
      action: "password.reset_requested",
      summary: `Queued a password reset email to ${user.login} for ${user.name}`,
      userId: user.id,
      ...linkStateChange(voided, expiresAt),
    },
  ]);
  return enqueueEmail(
    tx,
    {
      recipient: user.login,
      template: "password_reset",
      userId: user.id,
      payload: {
        schoolName: env.SCHOOL_NAME,
        recipientName: user.name,
        login: user.login,
        setPasswordUrl: `${env.APP_URL}/set-password?token=${token}`,
        expiresAt: expiresAt.toISOString(),
      },
    },
    now,
  );
}

/**
 * Handles a "forgot password" request for a typed email. Only an active
 * portal user or manager gets a link, and the caller shows the same message
 * for every input. Both cases look the user up in a write transaction and
 * hash nothing, so a known email costs only two inserts and an update more
 * than an unknown one. The email itself is sent after the response.
 */
export async function requestPasswordReset(
  db: Database,
  email: string,
  now = new Date(),
): Promise<{ outboxId: number | null }> {
  const normalized = normalizeLogin(email);
  // An invalid address still runs one lookup, on a login that cannot exist.
  const login = normalized.ok ? normalized.login : "";
  return writeTransaction(db, async (tx) => {
    const user = await tx.query.users.findFirst({ where: eq(users.login, login) });
    if (!user || !canReset(user)) return { outboxId: null };
    // Caps the emails one address can be sent through this public form; the
    // visitor still gets the usual message, so the cap reveals nothing.
    const [recent] = await tx
      .select({ value: count() })
      .from(passwordTokens)
      .where(
        and(
          eq(passwordTokens.userId, user.id),
          eq(passwordTokens.purpose, "password_reset"),
          gt(passwordTokens.createdAt, new Date(now.getTime() - RESET_WINDOW_MS)),
        ),
      );
    if (recent.value >= MAX_RESETS_PER_WINDOW) return { outboxId: null };
    const outboxId = await withAuditActor(FORGOT_PASSWORD_ACTOR, () => queuePasswordReset(tx, user, now));
    return { outboxId };
  });
}

export type SendResetOutcome =
  | { status: "queued"; login: string; outboxId: number }
  | { status: "user_not_found" }
  | { status: "deactivated"; login: string }
  | { status: "throttled"; login: string; decision: Extract<ThrottleDecision, { allowed: false }> };

/**
 * Sends a reset link to one user on a manager's request, unless the user has
 * had MAX_MANAGER_EMAILS_PER_USER emails from managers in the current throttle
 * window, or the manager's client `address` (null when unknown) has used up its own limit.
 */
export async function sendPasswordResetToUser(
  db: Database,
  userId: number,
  { address = null, now = new Date() }: { address?: string | null; now?: Date } = {},
): Promise<SendResetOutcome> {
  return writeTransaction(db, async (tx) => {
    const user = await tx.query.users.findFirst({ where: eq(users.id, userId) });
    if (!user) return { status: "user_not_found" } as const;
    if (!canReset(user)) return { status: "deactivated", login: user.login } as const;
    const decision = await takeThrottleSlot(tx, managerEmailCounters({ login: user.login, address }), now);
    if (!decision.allowed) return { status: "throttled", login: user.login, decision } as const;
    const outboxId = await queuePasswordReset(tx, user, now);
    return { status: "queued", login: user.login, outboxId } as const;
  });
}
