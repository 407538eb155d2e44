import { headers } from "next/headers";
import { writeTransaction, type Database } from "@/db/client";
import {
  getClientAddress,
  THROTTLE_WINDOW_MS,
  takeThrottleSlot,
  type ThrottleCounter,
  type ThrottleDecision,
  type ThrottleKeys,
} from "./throttle";

/**
 * Forgot-password requests allowed per typed email in one window. Unknown
 * emails are counted the same, so the throttled message reveals no account.
 */
export const MAX_RESET_REQUESTS_PER_EMAIL = 5;
/** Forgot-password requests allowed per client IP address in one window. */
export const MAX_RESET_REQUESTS_PER_ADDRESS = 20;
/** Invitation and reset emails that managers may send one user in one window. */
export const MAX_MANAGER_EMAILS_PER_USER = 3;
/** Invitation and reset emails that managers may send from one client IP address in one window. */
export const MAX_MANAGER_EMAILS_PER_ADDRESS = 30;

export const RESET_THROTTLED_MESSAGE =
  "Too many reset requests. Wait 15 minutes and try again, or ask the school office to send you a link.";

/**
 * Returns the client IP address of the current request under the rules of
 * getClientAddress. Without TRUSTED_PROXY=1 it returns null without reading
 * the request headers, so code run outside a request can call it.
 */
export async function getRequestClientAddress(): Promise<string | null> {
  if (process.env.TRUSTED_PROXY !== "1") return null;
  return getClientAddress(await headers());
}

/**
 * Counts one forgot-password request against the typed email (null when it
 * does not normalise) and the client address. Returns false when either has
 * used up its requests in the current window.
 */
export async function beginResetRequest(
  db: Database,
  keys: ThrottleKeys,
  now: Date = new Date(),
): Promise<boolean> {
  const counters: ThrottleCounter[] = [];
  if (keys.login) {
    counters.push({ kind: "reset_account", key: keys.login, limit: MAX_RESET_REQUESTS_PER_EMAIL });
  }
  if (keys.address) {
    counters.push({ kind: "reset_address", key: keys.address, limit: MAX_RESET_REQUESTS_PER_ADDRESS });
  }
  const decision = await writeTransaction(db, (tx) => takeThrottleSlot(tx, counters, now));
  return decision.allowed;
}

/** Returns the counters one invitation or reset email sent by a manager uses up. */
export function managerEmailCounters(keys: {
  login: string;
  address: string | null;
}): ThrottleCounter[] {
  const counters: ThrottleCounter[] = [
    { kind: "invite_account", key: keys.login, limit: MAX_MANAGER_EMAILS_PER_USER },
  ];
  if (keys.address) {
    counters.push({ kind: "invite_address", key: keys.address, limit: MAX_MANAGER_EMAILS_PER_ADDRESS });
  }
  return counters;
}

/**
 * Builds the message for an email a manager could not send because of the
 * throttle, with the whole minutes left until the window ends (at least 1).
 */
export function describeManagerEmailThrottle(
  login: string,
  decision: Extract<ThrottleDecision, { allowed: false }>,
  now: Date = new Date(),
): string {
  const minutes = Math.max(1, Math.ceil((decision.retryAt.getTime() - now.getTime()) / 60_000));
  const wait = minutes === 1 ? "1 minute" : `${minutes} minutes`;
  const windowMinutes = THROTTLE_WINDOW_MS / 60_000;
  return (
    `No email was sent to ${login}: too many invitation or reset emails were sent ` +
    `in the last ${windowMinutes} minutes. Try again in ${wait}.`
  );
}
