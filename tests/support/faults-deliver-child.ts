// Runs one outbox delivery in its own process, for tests that kill it with
// SIGKILL mid-send. It reads DATABASE_URL, RESEND_API_KEY and RESEND_BASE_URL
// from the environment, and DELIVER_AT (milliseconds since the epoch, else
// now) as the delivery time. It prints the outcome as one JSON line.

import { openDatabase } from "@/db/client";
import { deliverDueEmails } from "@/lib/email/outbox";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("faults-deliver-child: DATABASE_URL is missing: set it to the test database URL.");
  process.exit(2);
}
const now = process.env.DELIVER_AT ? new Date(Number(process.env.DELIVER_AT)) : new Date();
const db = openDatabase(url);
console.log(JSON.stringify({ started: true, pid: process.pid }));
const outcome = await deliverDueEmails(db, { now });
db.$client.close();
console.log(JSON.stringify(outcome));
