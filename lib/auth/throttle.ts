import { isIP } from "node:net";
import { and, eq, lt, or, sql } from "drizzle-orm";
import { writeTransaction, type Database, type Transaction } from "@/db/client";
import { loginAttempts, type LoginAttemptKind } from "@/db/schema";

/** Length of one counting window: failures older than this no longer count. */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Failed logins allowed per normalised login in one window. */
export const MAX_ACCOUNT_FAILURES = 5;
/** Failed logins allowed per client IP address in one window. */
export const MAX_ADDRESS_FAILURES = 50;

export const THROTTLED_MESSAGE =
  "Too many attempts. Wait 15 minutes and try again, or ask the school office to reset your password.";

/**
 * The counters one login attempt touches: the normalised login (null when the
 * email cannot be normalised, so it matches no account) and the client IP
 * address (null when no trusted address is known).
 */
export type ThrottleKeys = { login: string | null; address: string | null };

/** A counter one throttled request uses up: its kind, its key and the requests allowed per window. */
export type ThrottleCounter = { kind: LoginAttemptKind; key: string; limit: number };

/** Whether a throttled request may go ahead and, when not, when its window ends. */
export type ThrottleDecision = { allowed: true } | { allowed: false; retryAt: Date };

type Counter = ThrottleCounter;

function countersFor(keys: ThrottleKeys): Counter[] {
  const counters: Counter[] = [];
  if (keys.login) counters.push({ kind: "account", key: keys.login, limit: MAX_ACCOUNT_FAILURES });
  if (keys.address) {
    counters.push({ kind: "address", key: keys.address, limit: MAX_ADDRESS_FAILURES });
  }
  return counters;
}

/**
 * Returns the client IP address to count failures against, or null.
 *
 * Next.js gives a server action no socket address. `next start` fills in
 * X-Forwarded-For from the socket only when the request has none, so without a
 * proxy the header may be whatever the client sent. It is therefore read only
 * when TRUSTED_PROXY=1, which declares that a proxy in front of the app sets it
 * to the client's address (Vercel does). The first address in the list is used.
 */
export function getClientAddress(
  headers: Headers,
  env: Record<string, string | undefined> = process.env,
): string | null {
  if (env.TRUSTED_PROXY !== "1") return null;
  const first = headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? "";
  return isIP(first) ? first.toLowerCase() : null;
}

function isWindowOpen(windowStart: Date, now: Date): boolean {
  return windowStart.getTime() + THROTTLE_WINDOW_MS > now.getTime();
}

async function incrementCounter(tx: Transaction, counter: Counter, now: Date): Promise<void> {
  const windowOpenSince = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  await tx
    .insert(loginAttempts)
    .values({ kind: counter.kind, key: counter.key, windowStart: now, failures: 1 })
    .onConflictDoUpdate({
      target: [loginAttempts.kind, loginAttempts.key],
      set: {
        // A window that has ended starts again at `now` with this failure.
        failures: sql`CASE WHEN ${loginAttempts.windowStart} > ${windowOpenSince.getTime()}
          THEN ${loginAttempts.failures} + 1 ELSE 1 END`,
        windowStart: sql`CASE WHEN ${loginAttempts.windowStart} > ${windowOpenSince.getTime()}
          THEN ${loginAttempts.windowStart} ELSE ${now.getTime()} END`,
      },
    });
}

/**
 * Counts one request against every counter in the caller's transaction.
 * Returns allowed: false, and counts nothing, when any counter has used up
 * its limit in the current window. Its retryAt is then the end of the latest
 * of those windows. Counting up front, in the same transaction as the check,
 * stops parallel requests from all passing the check before any is counted.
 */
export async function takeThrottleSlot(
  tx: Transaction,
  counters: readonly ThrottleCounter[],
  now: Date = new Date(),
): Promise<ThrottleDecision> {
  // Expired rows are dropped here, so rows for unknown emails do not pile up.
  await tx
    .delete(loginAttempts)
    .where(lt(loginAttempts.windowStart, new Date(now.getTime() - THROTTLE_WINDOW_MS)));
  if (counters.length === 0) return { allowed: true };
  const rows = await tx
    .select()
    .from(loginAttempts)
    .where(
      or(...counters.map((c) => and(eq(loginAttempts.kind, c.kind), eq(loginAttempts.key, c.key)))),
    );
  let retryAt: Date | null = null;
  for (const counter of counters) {
    const row = rows.find((r) => r.kind === counter.kind && r.key === counter.key);
    if (row && isWindowOpen(row.windowStart, now) && row.failures >= counter.limit) {
      const windowEnd = new Date(row.windowStart.getTime() + THROTTLE_WINDOW_MS);
      if (!retryAt || windowEnd > retryAt) retryAt = windowEnd;
    }
  }
  if (retryAt) return { allowed: false, retryAt };
  for (const counter of counters) await incrementCounter(tx, counter, now);
  return { allowed: true };
}

/**
 * Starts a login attempt. Returns false, and counts nothing, when the account
 * or the address has used up its failures in the current window. Otherwise
 * counts the attempt as a failure up front and returns true. A successful
 * login then calls recordLoginSuccess.
 */
export async function beginLoginAttempt(
  db: Database,
  keys: ThrottleKeys,
  now: Date = new Date(),
): Promise<boolean> {
  const counters = countersFor(keys);
  const decision = await writeTransaction(db, (tx) => takeThrottleSlot(tx, counters, now));
  return decision.allowed;
}

/**
 * Undoes the failure beginLoginAttempt counted in advance: deletes the
 * account's counter and takes one failure off the address's counter.
 */
export function recordLoginSuccess(db: Database, keys: ThrottleKeys): Promise<void> {
  return writeTransaction(db, async (tx) => {
    if (keys.login) {
      await tx
        .delete(loginAttempts)
        .where(and(eq(loginAttempts.kind, "account"), eq(loginAttempts.key, keys.login)));
    }
    if (keys.address) {
      await tx
        .update(loginAttempts)
        .set({ failures: sql`max(${loginAttempts.failures} - 1, 0)` })
        .where(and(eq(loginAttempts.kind, "address"), eq(loginAttempts.key, keys.address)));
    }
  });
}
