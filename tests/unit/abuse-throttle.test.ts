import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { Database } from "@/db/client";
import { countRows, createTestDatabase, type TestDatabase } from "../support/test-db";
import { getUser, insertUser } from "../support/users-fixtures";

let testDb: TestDatabase;
let db: Database;
const session = vi.hoisted(() => ({ current: null as unknown }));
const request = vi.hoisted(() => ({ headers: new Headers() }));

vi.mock("@/auth", () => ({ auth: async () => session.current }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: () => {},
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDb: () => db,
}));

const {
  beginResetRequest,
  MAX_MANAGER_EMAILS_PER_ADDRESS,
  MAX_MANAGER_EMAILS_PER_USER,
  MAX_RESET_REQUESTS_PER_ADDRESS,
  MAX_RESET_REQUESTS_PER_EMAIL,
  RESET_THROTTLED_MESSAGE,
} = await import("@/lib/auth/email-throttle");
const { THROTTLE_WINDOW_MS } = await import("@/lib/auth/throttle");
const { requestReset } = await import("@/app/forgot-password/actions");
const { RESET_REQUESTED_MESSAGE } = await import("@/lib/users/password-reset");
const { sendPasswordResetToUser } = await import("@/lib/users/password-reset");
const { resendInvitation } = await import("@/app/admin/_lib/resend-invitation");
const usersActions = await import("@/app/admin/users/actions");

const START = new Date("2027-01-27T10:00:00Z");
const AFTER_WINDOW = new Date(START.getTime() + THROTTLE_WINDOW_MS);

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  session.current = null;
  request.headers = new Headers();
  delete process.env.TRUSTED_PROXY;
});

afterEach(async () => {
  delete process.env.TRUSTED_PROXY;
  await testDb.cleanup();
});

function emailForm(email: string): FormData {
  const form = new FormData();
  form.set("email", email);
  return form;
}

function userForm(userId: number): FormData {
  const form = new FormData();
  form.set("userId", String(userId));
  return form;
}

/** Sends `count` forgot-password requests and returns their messages. */
async function requestResets(email: string, count: number): Promise<string[]> {
  const messages: string[] = [];
  for (let i = 0; i < count; i++) messages.push((await requestReset(null, emailForm(email)))?.message ?? "");
  return messages;
}

async function signInManager(): Promise<number> {
  const managerId = await insertUser(db, { login: "boss@example.com", role: "manager" });
  const { sessionVersion } = await getUser(db, managerId);
  session.current = { user: { id: String(managerId) }, sessionVersion };
  return managerId;
}

describe("reset request throttle", () => {
  test("allows the per-email limit", async () => {
    const keys = { login: "ann@example.com", address: null };
    const results = [];
    for (let i = 0; i < MAX_RESET_REQUESTS_PER_EMAIL; i++) {
      results.push(await beginResetRequest(db, keys, START));
    }
    expect(results.every(Boolean)).toBe(true);
  });

  test("rejects one more per email", async () => {
    const keys = { login: "ann@example.com", address: null };
    for (let i = 0; i < MAX_RESET_REQUESTS_PER_EMAIL; i++) await beginResetRequest(db, keys, START);
    expect(await beginResetRequest(db, keys, START)).toBe(false);
  });

  test("allows again after the window", async () => {
    const keys = { login: "ann@example.com", address: null };
    for (let i = 0; i < MAX_RESET_REQUESTS_PER_EMAIL; i++) await beginResetRequest(db, keys, START);
    expect(await beginResetRequest(db, keys, AFTER_WINDOW)).toBe(true);
  });

  test("rejects one more per address", async () => {
    const address = "203.0.113.9";
    for (let i = 0; i < MAX_RESET_REQUESTS_PER_ADDRESS; i++) {
      await beginResetRequest(db, { login: `user${i}@example.com`, address }, START);
    }
    expect(await beginResetRequest(db, { login: "fresh@example.com", address }, START)).toBe(false);
  });

  test("keeps login counters apart", async () => {
    const keys = { login: "ann@example.com", address: null };
    for (let i = 0; i < MAX_RESET_REQUESTS_PER_EMAIL; i++) await beginResetRequest(db, keys, START);
    const rows = await db.$client.execute("SELECT kind FROM login_attempts");
    expect(rows.rows.map((row) => row.kind)).toEqual(["reset_account"]);
  });
});

describe("forgot-password answers", () => {
  test("known email throttled after the limit", async () => {
    await insertUser(db, { login: "ann@example.com" });
    const messages = await requestResets("ann@example.com", MAX_RESET_REQUESTS_PER_EMAIL + 1);
    expect(messages.at(-1)).toBe(RESET_THROTTLED_MESSAGE);
  });

  test("known and unknown get identical answers", async () => {
    await insertUser(db, { login: "ann@example.com" });
    const known = await requestResets("ann@example.com", MAX_RESET_REQUESTS_PER_EMAIL + 2);
    const unknown = await requestResets("nobody@example.com", MAX_RESET_REQUESTS_PER_EMAIL + 2);
    expect(unknown).toEqual(known);
  });

  test("answers before the limit are the usual one", async () => {
    const messages = await requestResets("nobody@example.com", MAX_RESET_REQUESTS_PER_EMAIL);
    expect(new Set(messages)).toEqual(new Set([RESET_REQUESTED_MESSAGE]));
  });

  test("throttled request queues no email", async () => {
    await insertUser(db, { login: "ann@example.com" });
    await requestResets("ann@example.com", MAX_RESET_REQUESTS_PER_EMAIL + 1);
    // The 3-per-account reset cap stops the emails before the throttle does.
    expect(await countRows(db, "email_outbox")).toBe(3);
  });

  test("forged X-Forwarded-For does not reset the count", async () => {
    for (let i = 0; i < MAX_RESET_REQUESTS_PER_EMAIL; i++) {
      request.headers = new Headers({ "x-forwarded-for": `198.51.100.${i}` });
      await requestReset(null, emailForm("ann@example.com"));
    }
    request.headers = new Headers({ "x-forwarded-for": "198.51.100.200" });
    const result = await requestReset(null, emailForm("ann@example.com"));
    expect(result?.message).toBe(RESET_THROTTLED_MESSAGE);
  });

  test("forged header adds no address counter", async () => {
    request.headers = new Headers({ "x-forwarded-for": "198.51.100.1" });
    await requestReset(null, emailForm("ann@example.com"));
    const rows = await db.$client.execute("SELECT kind FROM login_attempts");
    expect(rows.rows.map((row) => row.kind)).toEqual(["reset_account"]);
  });

  test("trusted proxy address is throttled across emails", async () => {
    process.env.TRUSTED_PROXY = "1";
    request.headers = new Headers({ "x-forwarded-for": "203.0.113.5" });
    for (let i = 0; i < MAX_RESET_REQUESTS_PER_ADDRESS; i++) {
      await requestReset(null, emailForm(`user${i}@example.com`));
    }
    const result = await requestReset(null, emailForm("fresh@example.com"));
    expect(result?.message).toBe(RESET_THROTTLED_MESSAGE);
  });
});

describe("manager email throttle", () => {
  test("send reset stops after the per-user limit", async () => {
    await signInManager();
    const userId = await insertUser(db, { login: "ann@example.com", password: "password 123" });
    for (let i = 0; i < MAX_MANAGER_EMAILS_PER_USER; i++) {
      await usersActions.sendPasswordResetAction(null, userForm(userId));
    }
    const result = await usersActions.sendPasswordResetAction(null, userForm(userId));
    expect(result?.ok).toBe(false);
  });

  test("throttled send reset names when to retry", async () => {
    await signInManager();
    const userId = await insertUser(db, { login: "ann@example.com", password: "password 123" });
    for (let i = 0; i < MAX_MANAGER_EMAILS_PER_USER; i++) {
      await usersActions.sendPasswordResetAction(null, userForm(userId));
    }
    const result = await usersActions.sendPasswordResetAction(null, userForm(userId));
    expect(result?.message).toMatch(/^No email was sent to ann@example\.com: .* Try again in 1[45] minutes\.$/);
  });

  test("throttled send reset queues nothing", async () => {
    await signInManager();
    const userId = await insertUser(db, { login: "ann@example.com", password: "password 123" });
    for (let i = 0; i <= MAX_MANAGER_EMAILS_PER_USER; i++) {
      await usersActions.sendPasswordResetAction(null, userForm(userId));
    }
    expect(await countRows(db, "email_outbox")).toBe(MAX_MANAGER_EMAILS_PER_USER);
  });

  test("resend invitation stops after the limit", async () => {
    await signInManager();
    const userId = await insertUser(db, { login: "ann@example.com" });
    for (let i = 0; i < MAX_MANAGER_EMAILS_PER_USER; i++) {
      await usersActions.resendUserInvitationAction(null, userForm(userId));
    }
    const result = await usersActions.resendUserInvitationAction(null, userForm(userId));
    expect(result?.message).toMatch(/Try again in 1[45] minutes\.$/);
  });

  test("reset and invitation share the count", async () => {
    const userId = await insertUser(db, { login: "ann@example.com" });
    for (let i = 0; i < MAX_MANAGER_EMAILS_PER_USER; i++) {
      await sendPasswordResetToUser(db, userId, { now: START });
    }
    const result = await resendInvitation(db, userId, START);
    expect(result?.ok).toBe(false);
  });

  test("retry minutes count down", async () => {
    const userId = await insertUser(db, { login: "ann@example.com" });
    for (let i = 0; i < MAX_MANAGER_EMAILS_PER_USER; i++) await resendInvitation(db, userId, START);
    const tenMinutesLater = new Date(START.getTime() + 10 * 60_000);
    const result = await resendInvitation(db, userId, tenMinutesLater);
    expect(result?.message).toMatch(/Try again in 5 minutes\.$/);
  });

  test("allows again after the window", async () => {
    const userId = await insertUser(db, { login: "ann@example.com" });
    for (let i = 0; i < MAX_MANAGER_EMAILS_PER_USER; i++) await resendInvitation(db, userId, START);
    const result = await resendInvitation(db, userId, AFTER_WINDOW);
    expect(result?.ok).toBe(true);
  });

  test("keeps users apart", async () => {
    const first = await insertUser(db, { login: "ann@example.com" });
    const second = await insertUser(db, { login: "bob@example.com" });
    for (let i = 0; i < MAX_MANAGER_EMAILS_PER_USER; i++) await resendInvitation(db, first, START);
    const result = await resendInvitation(db, second, START);
    expect(result?.ok).toBe(true);
  });

  test("per-address limit with a trusted proxy", async () => {
    const address = "203.0.113.7";
    for (let i = 0; i < MAX_MANAGER_EMAILS_PER_ADDRESS; i++) {
      const userId = await insertUser(db, { login: `user${i}@example.com` });
      await sendPasswordResetToUser(db, userId, { address, now: START });
    }
    const fresh = await insertUser(db, { login: "fresh@example.com" });
    const outcome = await sendPasswordResetToUser(db, fresh, { address, now: START });
    expect(outcome.status).toBe("throttled");
  });

  test("forged header ignored without a trusted proxy", async () => {
    await signInManager();
    const userId = await insertUser(db, { login: "ann@example.com" });
    for (let i = 0; i < MAX_MANAGER_EMAILS_PER_USER; i++) {
      request.headers = new Headers({ "x-forwarded-for": `198.51.100.${i}` });
      await usersActions.resendUserInvitationAction(null, userForm(userId));
    }
    request.headers = new Headers({ "x-forwarded-for": "198.51.100.200" });
    const result = await usersActions.resendUserInvitationAction(null, userForm(userId));
    expect(result?.ok).toBe(false);
  });

  test("trusted address counted from the header", async () => {
    process.env.TRUSTED_PROXY = "1";
    await signInManager();
    const userId = await insertUser(db, { login: "ann@example.com" });
    request.headers = new Headers({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" });
    await usersActions.resendUserInvitationAction(null, userForm(userId));
    const rows = await db.$client.execute("SELECT kind, key FROM login_attempts ORDER BY kind");
    expect(rows.rows.map((row) => `${row.kind} ${row.key}`)).toEqual([
      "invite_account ann@example.com",
      "invite_address 203.0.113.7",
    ]);
  });
});
