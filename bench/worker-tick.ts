// Times one pass of the server's background worker (lib/email/worker.ts) on
// a school database where it finds nothing to do: every fee already notified,
// every notification already emailed, no email due.

import { openDatabase } from "@/db/client";
import { deliverDueEmails } from "@/lib/email/outbox";
import { raiseOverdueFeeNotifications } from "@/lib/fees/overdue";
import { queueDailyDigests, queueNotificationEmails } from "@/lib/notifications/email";
import { summariseTimings, type TimingSummary } from "./create-parent-user";

/**
 * Runs the worker's four steps in order, as one timer tick does, on each
 * database in turn, `repetitions` times after one warm-up pass. `now` is
 * 18:00 UTC of `today`, which is after the daily digest hour (17:00 school
 * time) in Europe/London, so the digest query runs too.
 */
export async function timeIdleWorkerTicks(
  files: string[],
  today: string,
  repetitions: number,
): Promise<TimingSummary[]> {
  const databases = files.map((file) => openDatabase(`file:${file}`));
  const timings: number[][] = files.map(() => []);
  const now = new Date(`${today}T18:00:00Z`);
  try {
    for (let index = 0; index <= repetitions; index += 1) {
      for (const [position, db] of databases.entries()) {
        const started = performance.now();
        const raised = await raiseOverdueFeeNotifications(db, now);
        const queued = await queueNotificationEmails(db, now);
        const digests = await queueDailyDigests(db, now);
        await deliverDueEmails(db, { now });
        if (raised + queued.outboxIds.length + queued.skipped + digests.outboxIds.length > 0) {
          throw new Error(`The worker found work in ${files[position]}; the generated school should leave it none.`);
        }
        if (index > 0) timings[position].push(performance.now() - started);
      }
    }
  } finally {
    for (const db of databases) db.$client.close();
  }
  return timings.map(summariseTimings);
}
