import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Executor, Transaction } from "@/db/client";
import { passwordTokens, type TokenPurpose } from "@/db/schema";

export const TOKEN_LIFETIME_MS = 72 * 60 * 60 * 1000;

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * Issues a set-password token for a user and voids every older unused one, so
 * only the newest link works. Only the hash is stored; the caller puts the
 * returned token into the link and nowhere else. `voided` is the number of
 * older links that stopped working.
 */
export async function issuePasswordToken(
  tx: Transaction,
  userId: number,
  purpose: TokenPurpose,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date; voided: number }> {
  const voided = await tx
    .update(passwordTokens)
    .set({ voidedAt: now })
    .where(
      and(
        eq(passwordTokens.userId, userId),
        isNull(passwordTokens.usedAt),
        isNull(passwordTokens.voidedAt),
      ),
    )
    .returning({ id: passwordTokens.id });
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + TOKEN_LIFETIME_MS);
  await tx.insert(passwordTokens).values({
    userId,
    tokenHash: hashToken(token),
    purpose,
    expiresAt,
    createdAt: now,
  });
  return { token, expiresAt, voided: voided.length };
}

export type TokenState =
  | { state: "valid"; userId: number; purpose: TokenPurpose; expiresAt: Date }
  | { state: "expired" | "used" | "replaced" | "unknown" };

/** Looks a token up without using it, for the page that a link opens. */
export async function inspectPasswordToken(
  db: Executor,
  token: string,
  now = new Date(),
): Promise<TokenState> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { state: "unknown" };
  const row = await db.query.passwordTokens.findFirst({
    where: eq(passwordTokens.tokenHash, hashToken(token)),
  });
  if (!row) return { state: "unknown" };
  if (row.usedAt) return { state: "used" };
  if (row.voidedAt) return { state: "replaced" };
  if (row.expiresAt.getTime() <= now.getTime()) return { state: "expired" };
  return {
    state: "valid",
    userId: row.userId,
    purpose: row.purpose,
    expiresAt: row.expiresAt,
  };
}

/**
 * Marks a token used and returns its user, or null when the token is unknown,
 * used, replaced or expired. The single UPDATE makes two concurrent
 * submissions of one link succeed at most once.
 */
export async function consumePasswordToken(
  tx: Transaction,
  token: string,
  now = new Date(),
): Promise<{ userId: number; purpose: TokenPurpose } | null> {
  const [row] = await tx
    .update(passwordTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(passwordTokens.tokenHash, hashToken(token)),
        isNull(passwordTokens.usedAt),
        isNull(passwordTokens.voidedAt),
        gt(passwordTokens.expiresAt, now),
      ),
    )
    .returning({ userId: passwordTokens.userId, purpose: passwordTokens.purpose });
  return row ?? null;
}
