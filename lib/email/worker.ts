import { getDb } from "@/db/client";
import { queueDailyDigests, queueNotificationEmails } from "@/lib/notifications/email";
import { deliverDueEmails } from "./outbox";

const INTERVAL_MS = 15_000;
const state = globalThis as unknown as { outboxTimer?: NodeJS.Timeout };

/**
 * Runs every 15 s in this server process: queues the emails of new
 * notifications and the daily digests, then sends due outbox rows, including
 * failed sends after their backoff and rows left in "sending" by a server that
 * stopped mid-send.
 */
export function startOutboxWorker(): void {
  if (state.outboxTimer) return;
  let running = false;
  state.outboxTimer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await queueNotificationEmails(getDb());
      await queueDailyDigests(getDb());
    } catch (error) {
      // Logged and not re-raised, so queued invitations are still sent below.
      console.error("email outbox worker: queueing notification emails failed", error);
    }
    try {
      await deliverDueEmails(getDb());
    } catch (error) {
      console.error("email outbox worker: delivery run failed", error);
    } finally {
      running = false;
    }
  }, INTERVAL_MS);
  state.outboxTimer.unref();
}
