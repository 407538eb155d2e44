import type { Database } from "@/db/client";
import { deliverDueEmails } from "@/lib/email/outbox";
import { getResumableJobIds, runBulkJob, type RunJobOptions, type RunJobResult } from "./process";

/**
 * Runs a bulk job and sends the invitations each batch queued. Sending runs
 * beside the job, one batch after another, so a slow mail API does not hold
 * up the progress bar. Errors are logged and never thrown: a failed send
 * stays in the outbox for the worker's retry, and a job stopped by an error
 * is taken up again once its lease has passed.
 */
export async function runBulkJobAndDeliver(
  db: Database,
  jobId: number,
  options: RunJobOptions = {},
): Promise<RunJobResult | "error"> {
  let delivery = Promise.resolve();
  const onEmailsQueued = (ids: number[]) => {
    delivery = delivery
      .then(() => deliverDueEmails(db, { ids }))
      .then(
        () => undefined,
        (error) => console.error(`bulk job ${jobId}: sending ${ids.length} invitations failed`, error),
      );
  };
  try {
    return await runBulkJob(db, jobId, { ...options, onEmailsQueued });
  } catch (error) {
    console.error(`bulk job ${jobId}: run failed; it resumes once its lease has passed`, error);
    return "error";
  } finally {
    await delivery;
  }
}

const state = globalThis as unknown as { bulkJobsResuming?: boolean };

/**
 * Takes up, one after another, the bulk jobs that a stopped server left
 * unfinished. Returns at once; a call made while an earlier one is still
 * running does nothing.
 */
export function resumeBulkJobsInBackground(db: Database): void {
  if (state.bulkJobsResuming) return;
  state.bulkJobsResuming = true;
  void (async () => {
    try {
      for (const jobId of await getResumableJobIds(db)) {
        const result = await runBulkJobAndDeliver(db, jobId);
        console.info(`bulk job ${jobId}: resumed by the worker, result ${result}`);
      }
    } catch (error) {
      console.error("bulk jobs: looking for unfinished jobs failed", error);
    } finally {
      state.bulkJobsResuming = false;
    }
  })();
}
