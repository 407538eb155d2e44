import { and, eq, inArray, lte, or, sql } from "drizzle-orm";
import { Resend } from "resend";
import { writeTransaction, type Database, type Transaction } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { recordEmailDelivery } from "@/lib/audit/email-events";
import { mustCaptureEmail } from "@/lib/deploy/preview";
import { renderEmail, type EmailTemplate } from "./templates";

export const MAX_ATTEMPTS = 5;
// Delay before each retry: 1 min, 5 min, 30 min, 2 h.
const RETRY_DELAYS_MS = [60_000, 300_000, 1_800_000, 7_200_000];
const SEND_TIMEOUT_MS = 15_000;
// The lease of a claimed row. It is longer than SEND_TIMEOUT_MS, so a live
// worker finishes (or times out) before another process may take the row.
export const LOCK_MS = 60_000;

export async function enqueueEmail(
  tx: Transaction,
  email: {
    recipient: string;
    template: EmailTemplate;
    payload: Record<string, unknown>;
    userId?: number;
  },
  now = new Date(),
): Promise<number> {
  const [row] = await tx
    .insert(emailOutbox)
    .values({ ...email, nextAttemptAt: now, createdAt: now, updatedAt: now })
    .returning({ id: emailOutbox.id });
  return row.id;
}

type OutboxRow = typeof emailOutbox.$inferSelect;
type SendResult =
  | { ok: true; transport: "resend" | "local"; providerId: string }
  | { ok: false; transport: "resend"; error: string; retryAfterMs?: number };

/**
 * Reads a `retry-after` header, in seconds or as an HTTP date, as
 * milliseconds from `now`. Returns undefined when it is missing or invalid.
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date names its weekday and month. Date.parse alone would also
  // read "-5" as a year.
  if (!/[a-z]{3}/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now.getTime());
}

/**
 * Sends one rendered email through Resend. The outbox id is the Resend
 * idempotency key, so a retry after a lost response sends nothing twice.
 */
async function sendThroughResend(row: OutboxRow, apiKey: string, signal: AbortSignal): Promise<SendResult> {
  const rendered = await renderEmail(row.template, row.payload);
  const resend = new Resend(apiKey);
  const { data, error, headers } = await resend.emails.send(
    {
      from: process.env.EMAIL_FROM?.trim() || "Parent Portal <portal@example.com>",
      to: [row.recipient],
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
    },
    { idempotencyKey: `outbox-${row.id}`, signal } as Parameters<typeof resend.emails.send>[1],
  );
  if (error) {
    const retryAfterMs =
      error.name === "rate_limit_exceeded" || error.statusCode === 429
        ? parseRetryAfter(headers?.["retry-after"], new Date())
        : undefined;
    return { ok: false, transport: "resend", error: `${error.name}: ${error.message}`, retryAfterMs };
  }
  return { ok: true, transport: "resend", providerId: data?.id ?? "" };
}

/**
 * Sends one email. Without RESEND_API_KEY, and on a preview deployment for
 * recipients outside PREVIEW_EMAIL_ALLOWLIST, the email is only kept in the
 * outbox, where managers read it under /admin/emails. A send that has not
 * finished after `timeoutMs` is aborted and reported as failed, so a mail API
 * that never responds cannot hold the worker, and the row goes back to retry.
 */
async function sendRow(row: OutboxRow, timeoutMs: number): Promise<SendResult> {
  const apiKey = process.env.RESEND_API_KEY?.trim();
  if (!apiKey || mustCaptureEmail(row.recipient)) {
    return { ok: true, transport: "local", providerId: `local-${row.id}` };
  }
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  // The SDK passes the signal to fetch, but the race also covers any step
  // that ignores it.
  const timedOut = new Promise<SendResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ ok: false, transport: "resend", error: `request timed out after ${timeoutMs} ms` });
    }, timeoutMs);
  });
  const sending = sendThroughResend(row, apiKey, controller.signal).catch(
    (cause): SendResult => ({
      ok: false,
      transport: "resend",
      error: `request failed: ${cause instanceof Error ? cause.message : String(cause)}`,
    }),
  );
  try {
    return await Promise.race([sending, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Takes rows that are due (or stuck in "sending" after a crash) so no other worker sends them. */
async function claimDueRows(db: Database, ids: number[] | undefined, now: Date) {
  const due = or(
    and(
      inArray(emailOutbox.status, ["queued", "failed"]),
      lte(emailOutbox.nextAttemptAt, now),
      sql`${emailOutbox.attempts} < ${MAX_ATTEMPTS}`,
    ),
    and(eq(emailOutbox.status, "sending"), lte(emailOutbox.lockedUntil, now)),
  );
  // Every outbox write goes through writeTransaction. The embedded libSQL
  // driver is synchronous, so a write on the bare client while another request
  // holds a write transaction blocks the event loop for the whole busy timeout
  // and then fails with SQLITE_BUSY.
  return writeTransaction(db, (tx) =>
    tx
      .update(emailOutbox)
      .set({
        status: "sending",
        lockedUntil: new Date(now.getTime() + LOCK_MS),
        attempts: sql`${emailOutbox.attempts} + 1`,
        updatedAt: now,
      })
      .where(ids ? and(inArray(emailOutbox.id, ids), due) : due)
      .returning(),
  );
}

/**
 * Sends every due outbox row (or only `ids`) and records the outcome. Failures
 * are kept with the mail API's reason and retried later with backoff. They are
 * never thrown, so this is safe to run after a response or on a timer.
 */
export async function deliverDueEmails(
  db: Database,
  options: { ids?: number[]; now?: Date; sendTimeoutMs?: number } = {},
): Promise<{ sent: number; failed: number }> {
  const now = options.now ?? new Date();
  const rows = await claimDueRows(db, options.ids, now);
  let sent = 0;
  let failed = 0;
  for (const row of rows) {
    let result: SendResult;
    try {
      result = await sendRow(row, options.sendTimeoutMs ?? SEND_TIMEOUT_MS);
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause);
      result = { ok: false, transport: "resend", error: message };
    }
    const finishedAt = new Date();
    if (result.ok) {
      sent++;
      // A sent link has no further use in the database; captured mail keeps it
      // because the local mailbox is where the link is read.
      const payload =
        result.transport === "resend"
          ? { ...(row.payload as Record<string, unknown>), setPasswordUrl: null }
          : row.payload;
      await writeTransaction(db, async (tx) => {
        await tx
          .update(emailOutbox)
          .set({
            status: "sent",
            transport: result.transport,
            providerId: result.providerId,
            lastError: null,
            lockedUntil: null,
            sentAt: finishedAt,
            updatedAt: finishedAt,
            payload,
          })
          .where(eq(emailOutbox.id, row.id));
        await recordEmailDelivery(tx, row, { ok: true });
      });
    } else {
      failed++;
      // A rate-limited send waits as long as the API requested when that is longer than the backoff.
      const backoff = RETRY_DELAYS_MS[Math.min(row.attempts - 1, RETRY_DELAYS_MS.length - 1)];
      const delay = Math.max(backoff, result.retryAfterMs ?? 0);
      console.error(
        `email outbox ${row.id}: attempt ${row.attempts} of ${MAX_ATTEMPTS} failed: ${result.error}`,
      );
      await writeTransaction(db, async (tx) => {
        await tx
          .update(emailOutbox)
          .set({
            status: "failed",
            transport: result.transport,
            lastError: result.error.slice(0, 500),
            lockedUntil: null,
            nextAttemptAt: new Date(finishedAt.getTime() + delay),
            updatedAt: finishedAt,
          })
          .where(eq(emailOutbox.id, row.id));
        await recordEmailDelivery(tx, row, { ok: false, error: result.error });
      });
    }
  }
  return { sent, failed };
}
