import { getDb } from "@/db/client";
import { raiseOverdueFeeNotifications } from "@/lib/fees/overdue";
import { deliverDueEmails } from "./outbox";

const INTERVAL_MS = 15_000;
const state = globalThis as unknown as { outboxTimer?: NodeJS.Timeout };

/**
 * Retries due outbox rows every 15 s in this server process: failed sends after
 * their backoff, and rows left in "sending" by a server that stopped mid-send.
 */
export function startOutboxWorker(): void {
  if (state.outboxTimer) return;
  let running = false;
  state.outboxTimer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await raiseOverdueFeeNotifications(getDb());
    } catch (error) {
      console.error("email outbox worker: overdue fee scan failed", error);
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
