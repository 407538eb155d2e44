import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import type { Database } from "@/db/client";
import { LOCK_MS } from "@/lib/email/outbox";
import { sendsPerKey, startQuietFakeMailApi, type RunningFakeMailApi } from "../support/faults-fixtures";
import { createTestDatabase, createUserForParent, insertParent, type TestDatabase } from "../support/test-db";

// The lease of a row claimed for sending.
const LEASE_MS = LOCK_MS;
const EMAIL_COUNT = 4;
const TSX = path.join(process.cwd(), "node_modules", ".bin", "tsx");
const CHILD_SCRIPT = path.join(process.cwd(), "tests", "support", "faults-deliver-child.ts");

let testDb: TestDatabase;
let db: Database;
let api: RunningFakeMailApi;
const children: ChildProcess[] = [];

/** Starts the delivery child process at time `deliverAt`. */
function startDelivery(deliverAt: number): { child: ChildProcess; output: Promise<string> } {
  const child = spawn(TSX, [CHILD_SCRIPT], {
    env: {
      ...process.env,
      DATABASE_URL: testDb.url,
      RESEND_API_KEY: "re_test",
      RESEND_BASE_URL: api.url,
      DELIVER_AT: String(deliverAt),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const output = new Promise<string>((resolve, reject) => {
    child.once("exit", (code, signal) => {
      if (code === 0 || signal === "SIGKILL") resolve(stdout);
      else reject(new Error(`delivery child exited with ${code ?? signal}: ${stderr}`));
    });
  });
  return { child, output };
}

/** Waits until `condition` holds, checking every 20 ms, for at most `timeoutMs`. */
async function waitFor(condition: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function outboxStatuses(): Promise<string[]> {
  const result = await db.$client.execute("SELECT status FROM email_outbox ORDER BY id");
  return result.rows.map((row) => String(row.status));
}

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  api = await startQuietFakeMailApi();
  for (let i = 0; i < EMAIL_COUNT; i++) {
    const parentId = await insertParent(db, { name: `Parent ${i}`, email: `parent${i}@example.com` });
    await createUserForParent(db, parentId);
  }
});

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  await api.stop();
  await testDb.cleanup();
});

test("SIGKILL mid-send, each email sent once", { timeout: 60_000 }, async () => {
  // The third email is sent, but its response never arrives.
  api.faults.add({ fault: { kind: "hang", store: true }, recipient: "parent2@example.com", times: 1 });
  const startedAt = Date.now();
  const first = startDelivery(startedAt);
  await waitFor(() => api.requests.length >= 3, 30_000, "the third send");
  first.child.kill("SIGKILL");
  await first.output;

  expect(first.child.signalCode).toBe("SIGKILL");
  expect(await outboxStatuses()).toContain("sending");

  // Before the lease expires another process leaves the claimed rows alone.
  const early = startDelivery(startedAt + 1_000);
  expect(await early.output).toContain('{"sent":0,"failed":0}');

  const late = startDelivery(startedAt + LEASE_MS + 1_000);
  await late.output;

  expect(await outboxStatuses()).toEqual(Array(EMAIL_COUNT).fill("sent"));
  const perKey = sendsPerKey(api);
  expect(perKey.size).toBe(EMAIL_COUNT);
  expect([...perKey.values()]).toEqual(Array(EMAIL_COUNT).fill(1));
  expect(api.requests.some((request) => request.outcome === "replayed")).toBe(true);
});

test("SIGKILL during a slow send, sent once", { timeout: 60_000 }, async () => {
  // Every send is stored at once and gets its response after 20 s, after the kill.
  api.faults.add({ fault: { kind: "delay", ms: 20_000 } });
  const startedAt = Date.now();
  const first = startDelivery(startedAt);
  await waitFor(() => api.requests.length >= 1, 30_000, "the first send");
  first.child.kill("SIGKILL");
  await first.output;
  api.faults.clear();

  const late = startDelivery(startedAt + LEASE_MS + 1_000);
  await late.output;

  expect(await outboxStatuses()).toEqual(Array(EMAIL_COUNT).fill("sent"));
  expect([...sendsPerKey(api).values()]).toEqual(Array(EMAIL_COUNT).fill(1));
});
