import { after } from "next/server";
import { getDb } from "@/db/client";
import { runBulkJobAndDeliver } from "@/lib/jobs/background";

/**
 * Processes a bulk job once the response has been sent. If the server stops
 * first, the email worker's tick takes the job up again.
 */
export function kickBulkJob(jobId: number): void {
  after(() => runBulkJobAndDeliver(getDb(), jobId).then(() => undefined));
}
