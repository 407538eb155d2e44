import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { eq } from "drizzle-orm";
import { writeTransaction, type Database } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { deliverDueEmails, MAX_ATTEMPTS, parseRetryAfter } from "@/lib/email/outbox";
import { queueInvitation } from "@/lib/invitations";
import { IDEMPOTENCY_WINDOW_MS } from "../support/fake-mail-api";
import { sendsPerKey, startQuietFakeMailApi, type RunningFakeMailApi } from "../support/faults-fixtures";
import {
  createTestDatabase,
  createUserForParent,
  insertParent,
  type TestDatabase,
} from "../support/test-db";

const MINUTE = 60_000;
const SHORT_TIMEOUT_MS = 300;

let testDb: TestDatabase;
let db: Database;
let api: RunningFakeMailApi;
let savedEnv: Record<string, string | undefined>;

async function getRow(id: number) {
  const row = await db.query.emailOutbox.findFirst({ where: eq(emailOutbox.id, id) });
  if (!row) throw new Error(`Outbox row ${id} not found`);
  return row;
}

/** Creates a parent with a portal user and returns the id of its queued invitation. */
async function queueInvitationFor(email: string): Promise<number> {
  const parentId = await insertParent(db, { name: `Parent ${email}`, email });
  const userId = await createUserForParent(db, parentId);
  const row = await db.query.emailOutbox.findFirst({ where: eq(emailOutbox.userId, userId) });
  if (!row) throw new Error(`No invitation queued for ${email}`);
  return row.id;
}

/** Runs deliverDueEmails at the time the row's retry is due. */
async function deliverWhenDue(id: number) {
  const now = new Date((await getRow(id)).nextAttemptAt.getTime() + 1);
  return deliverDueEmails(db, { now, sendTimeoutMs: SHORT_TIMEOUT_MS });
}

beforeEach(async () => {
  savedEnv = { RESEND_API_KEY: process.env.RESEND_API_KEY, RESEND_BASE_URL: process.env.RESEND_BASE_URL };
  vi.spyOn(console, "error").mockImplementation(() => {});
  testDb = await createTestDatabase();
  db = testDb.db;
  api = await startQuietFakeMailApi();
  process.env.RESEND_API_KEY = "re_test";
  process.env.RESEND_BASE_URL = api.url;
});

afterEach(async () => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  vi.restoreAllMocks();
  await api.stop();
  await testDb.cleanup();
});

describe("mail API returns 500", () => {
  test("retry sends exactly once", async () => {
    const id = await queueInvitationFor("ana@example.com");
    api.faults.add({ fault: { kind: "error", status: 500 }, times: 1 });

    expect(await deliverDueEmails(db, { ids: [id] })).toEqual({ sent: 0, failed: 1 });
    expect(await deliverWhenDue(id)).toEqual({ sent: 1, failed: 0 });

    expect(api.messages).toHaveLength(1);
    expect(api.requests).toHaveLength(2);
    const row = await getRow(id);
    expect(row.status).toBe("sent");
    expect(row.attempts).toBe(2);
    expect(row.providerId).toBe(api.messages[0].id);
  });

  test("failure stays visible", async () => {
    const id = await queueInvitationFor("ana@example.com");
    api.faults.add({ fault: { kind: "error", status: 503 } });
    await deliverDueEmails(db, { ids: [id] });
    const row = await getRow(id);
    expect(row.status).toBe("failed");
    expect(row.lastError).toContain("HTTP 503");
  });

  test("next N calls fail, then send", async () => {
    const id = await queueInvitationFor("ana@example.com");
    api.faults.add({ fault: { kind: "error" }, times: 2 });
    await deliverDueEmails(db, { ids: [id] });
    await deliverWhenDue(id);
    expect((await getRow(id)).status).toBe("failed");
    await deliverWhenDue(id);
    expect((await getRow(id)).status).toBe("sent");
    expect(api.messages).toHaveLength(1);
  });

  test("fault for one recipient only", async () => {
    const failing = await queueInvitationFor("ana@example.com");
    const healthy = await queueInvitationFor("ben@example.com");
    api.faults.add({ fault: { kind: "error" }, recipient: "ana@example.com" });

    expect(await deliverDueEmails(db)).toEqual({ sent: 1, failed: 1 });
    expect((await getRow(failing)).status).toBe("failed");
    expect((await getRow(healthy)).status).toBe("sent");
    expect(api.messages.map((message) => message.to)).toEqual([["ben@example.com"]]);
  });

  test("exhausted row is resendable", async () => {
    const id = await queueInvitationFor("ana@example.com");
    api.faults.add({ fault: { kind: "error" }, times: MAX_ATTEMPTS });
    await deliverDueEmails(db, { ids: [id] });
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) await deliverWhenDue(id);
    const exhausted = await getRow(id);
    expect(exhausted.status).toBe("failed");
    expect(exhausted.attempts).toBe(MAX_ATTEMPTS);

    // What the manager's "Resend invitation" does: a new link in a new outbox row.
    const userId = exhausted.userId!;
    const newId = await writeTransaction(db, (tx) => queueInvitation(tx, userId));
    expect(await deliverDueEmails(db, { ids: [newId] })).toEqual({ sent: 1, failed: 0 });
    expect(api.messages).toHaveLength(1);
    expect(api.messages[0].idempotencyKey).toBe(`outbox-${newId}`);
  });
});

describe("mail API returns 429", () => {
  test("long retry-after delays the retry", async () => {
    const id = await queueInvitationFor("ana@example.com");
    api.faults.add({ fault: { kind: "rate-limit", retryAfterSeconds: 3600 }, times: 1 });
    const before = Date.now();
    await deliverDueEmails(db, { ids: [id] });
    const row = await getRow(id);
    expect(row.status).toBe("failed");
    expect(row.lastError).toContain("rate_limit_exceeded");
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 3600 * 1000);
  });

  test("short retry-after keeps the backoff", async () => {
    const id = await queueInvitationFor("ana@example.com");
    api.faults.add({ fault: { kind: "rate-limit", retryAfterSeconds: 2 }, times: 1 });
    const before = Date.now();
    await deliverDueEmails(db, { ids: [id] });
    const next = (await getRow(id)).nextAttemptAt.getTime();
    expect(next).toBeGreaterThanOrEqual(before + MINUTE);
    expect(next).toBeLessThan(before + 2 * MINUTE);
  });

  test("row sent once after the wait", async () => {
    const id = await queueInvitationFor("ana@example.com");
    api.faults.add({ fault: { kind: "rate-limit", retryAfterSeconds: 600 }, times: 1 });
    await deliverDueEmails(db, { ids: [id] });
    expect(await deliverWhenDue(id)).toEqual({ sent: 1, failed: 0 });
    expect(api.messages).toHaveLength(1);
  });
});

describe("mail API never responds", () => {
  test("send times out, row goes back to retry", async () => {
    const id = await queueInvitationFor("ana@example.com");
    api.faults.add({ fault: { kind: "hang" }, times: 1 });
    const started = Date.now();

    expect(await deliverDueEmails(db, { ids: [id], sendTimeoutMs: SHORT_TIMEOUT_MS })).toEqual({
      sent: 0,
      failed: 1,
    });

    expect(Date.now() - started).toBeLessThan(5_000);
    const row = await getRow(id);
    expect(row.status).toBe("failed");
    expect(row.lockedUntil).toBeNull();
    expect(row.lastError).toContain(`timed out after ${SHORT_TIMEOUT_MS} ms`);
  });

  test("retry after timeout sends once", async () => {
    const id = await queueInvitationFor("ana@example.com");
    api.faults.add({ fault: { kind: "hang" }, times: 1 });
    await deliverDueEmails(db, { ids: [id], sendTimeoutMs: SHORT_TIMEOUT_MS });
    expect(await deliverWhenDue(id)).toEqual({ sent: 1, failed: 0 });
    expect(api.messages).toHaveLength(1);
  });

  test("lost response not sent twice", async () => {
    // The API sent the email but its response never arrived.
    const id = await queueInvitationFor("ana@example.com");
    api.faults.add({ fault: { kind: "hang", store: true }, times: 1 });
    await deliverDueEmails(db, { ids: [id], sendTimeoutMs: SHORT_TIMEOUT_MS });
    expect(await deliverWhenDue(id)).toEqual({ sent: 1, failed: 0 });

    expect(api.messages).toHaveLength(1);
    expect(api.requests.map((request) => request.outcome)).toEqual(["hang", "replayed"]);
    expect((await getRow(id)).providerId).toBe(api.messages[0].id);
  });

  test("slow answer within timeout is sent", async () => {
    const id = await queueInvitationFor("ana@example.com");
    api.faults.add({ fault: { kind: "delay", ms: 100 }, times: 1 });
    expect(await deliverDueEmails(db, { ids: [id], sendTimeoutMs: 5_000 })).toEqual({ sent: 1, failed: 0 });
  });

  test("hang for one row leaves others sent", async () => {
    const hanging = await queueInvitationFor("ana@example.com");
    const healthy = await queueInvitationFor("ben@example.com");
    api.faults.add({ fault: { kind: "hang" }, recipient: "ana@example.com" });
    expect(await deliverDueEmails(db, { sendTimeoutMs: SHORT_TIMEOUT_MS })).toEqual({ sent: 1, failed: 1 });
    expect((await getRow(hanging)).status).toBe("failed");
    expect((await getRow(healthy)).status).toBe("sent");
  });
});

describe("fake mail API idempotency", () => {
  test("many retries, one send per key", async () => {
    const ids = [
      await queueInvitationFor("ana@example.com"),
      await queueInvitationFor("ben@example.com"),
      await queueInvitationFor("cai@example.com"),
    ];
    api.faults.add({ fault: { kind: "hang", store: true }, times: 3 });
    await deliverDueEmails(db, { sendTimeoutMs: SHORT_TIMEOUT_MS });
    for (const id of ids) await deliverWhenDue(id);

    expect([...sendsPerKey(api).values()]).toEqual([1, 1, 1]);
    for (const id of ids) expect((await getRow(id)).status, `row ${id}`).toBe("sent");
  });

  test("key older than 24 h sends again", async () => {
    let clock = Date.now();
    const aged = await startQuietFakeMailApi({ now: () => clock });
    try {
      const post = () =>
        fetch(`${aged.url}/emails`, {
          method: "POST",
          headers: { authorization: "Bearer re_test", "idempotency-key": "k-1", "content-type": "application/json" },
          body: JSON.stringify({ from: "a@example.com", to: "b@example.com", subject: "s", text: "t" }),
        });
      await post();
      clock += IDEMPOTENCY_WINDOW_MS - 1;
      await post();
      expect(aged.messages).toHaveLength(1);
      clock += 1;
      await post();
      expect(aged.messages).toHaveLength(2);
    } finally {
      await aged.stop();
    }
  });

  test("faults programmable over HTTP", async () => {
    const response = await fetch(`${api.url}/__faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ fault: { kind: "error", status: 502 }, times: 1 }),
    });
    expect(response.status).toBe(204);
    const id = await queueInvitationFor("ana@example.com");
    await deliverDueEmails(db, { ids: [id] });
    expect((await getRow(id)).lastError).toContain("HTTP 502");
  });
});

describe("parseRetryAfter", () => {
  const now = new Date("2026-12-04T12:00:00Z");

  test("seconds", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
  });

  test("HTTP date", () => {
    expect(parseRetryAfter("Fri, 04 Dec 2026 12:05:00 GMT", now)).toBe(300_000);
  });

  test("past date is zero", () => {
    expect(parseRetryAfter("Fri, 04 Dec 2026 11:00:00 GMT", now)).toBe(0);
  });

  test.each([undefined, "", "soon", "-5"])("invalid %s is undefined", (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
