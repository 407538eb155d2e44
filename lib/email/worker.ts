import { getDb } from "@/db/client";
import { raiseOverdueFeeNotifications } from "@/lib/fees/overdue";
import { resumeBulkJobsInBackground } from "@/lib/jobs/background";
import { queueDailyDigests, queueNotificationEmails } from "@/lib/notifications/email";
import { deliverDueEmails } from "./outbox";

const INTERVAL_MS = 15_000;
const state = globalThis as unknown as { outboxTimer?: NodeJS.Timeout };

/**
 * Runs every 15 s in this server process: raises "fee overdue" notifications,
 * queues the emails of new notifications and the daily digests, then sends due
 * outbox rows, including failed sends after their backoff and rows left in
 * "sending" by a server that stopped mid-send. Each step logs its own failure
 * and does not stop the steps after it.
 */
export function startOutboxWorker(): void {
  if (state.outboxTimer) return;
  let running = false;
  state.outboxTimer = setInterval(async () => {
    if (running) return;
    running = true;
    // Bulk jobs left unfinished by a stopped server run beside this loop.
    resumeBulkJobsInBackground(getDb());
    try {
      await raiseOverdueFeeNotifications(getDb());
    } catch (error) {
      console.error("email outbox worker: overdue fee scan failed", error);
    }
    try {
      await queueNotificationEmails(getDb());
      await queueDailyDigests(getDb());
    } catch (error) {
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
