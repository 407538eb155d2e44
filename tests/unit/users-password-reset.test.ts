import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "../support/test-db";
import { getUser, insertUser, tokensOf } from "../support/users-fixtures";

let testDb: TestDatabase;
let db: Database;
const session = vi.hoisted(() => ({ current: null as unknown }));

vi.mock("@/auth", () => ({ auth: async () => session.current }));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: () => {},
}));
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDb: () => db,
}));

const { requestReset } = await import("@/app/forgot-password/actions");
const { setPassword } = await import("@/app/set-password/actions");
const { getCurrentUser } = await import("@/lib/auth/session");
const { GET: getSessionAccess } = await import("@/app/api/session/access/route");
const { MAX_RESETS_PER_WINDOW, RESET_REQUESTED_MESSAGE, requestPasswordReset } = await import(
  "@/lib/users/password-reset"
);

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  session.current = null;
});

afterEach(async () => {
  await testDb.cleanup();
});

function emailForm(email: string): FormData {
  const form = new FormData();
  form.set("email", email);
  return form;
}

async function tokenFromOutbox(outboxId: number): Promise<string> {
  const row = await db.query.emailOutbox.findFirst({ where: eq(emailOutbox.id, outboxId) });
  const link = (row?.payload as { setPasswordUrl?: string }).setPasswordUrl ?? "";
  return new URL(link).searchParams.get("token") ?? "";
}

describe("forgot password answer", () => {
  test("unknown email gets the message", async () => {
    const result = await requestReset(null, emailForm("nobody@example.com"));
    expect(result?.message).toBe(RESET_REQUESTED_MESSAGE);
  });

  test("known email gets the same message", async () => {
    await insertUser(db, { login: "ann@example.com", password: "old password 1" });
    const result = await requestReset(null, emailForm("  Ann@Example.com "));
    expect(result?.message).toBe(RESET_REQUESTED_MESSAGE);
  });

  test("invalid email gets the same message", async () => {
    const result = await requestReset(null, emailForm("not an email"));
    expect(result?.message).toBe(RESET_REQUESTED_MESSAGE);
  });
});

describe("requestPasswordReset", () => {
  test("active user gets a reset token", async () => {
    const userId = await insertUser(db, { login: "ann@example.com", password: "old password 1" });
    await requestPasswordReset(db, "ANN@example.com");
    const tokens = await tokensOf(db, userId);
    expect(tokens.map((token) => token.purpose)).toEqual(["password_reset"]);
  });

  test("active user gets one queued email", async () => {
    await insertUser(db, { login: "ann@example.com", password: "old password 1" });
    await requestPasswordReset(db, "ann@example.com");
    const rows = await db.query.emailOutbox.findMany();
    expect(rows.map((row) => [row.recipient, row.template])).toEqual([
      ["ann@example.com", "password_reset"],
    ]);
  });

  test("repeated requests are capped", async () => {
    await insertUser(db, { login: "ann@example.com" });
    const now = new Date("2027-01-27T10:00:00Z");
    for (let i = 0; i <= MAX_RESETS_PER_WINDOW; i++) {
      await requestPasswordReset(db, "ann@example.com", now);
    }
    expect(await db.query.emailOutbox.findMany()).toHaveLength(MAX_RESETS_PER_WINDOW);
    const later = new Date(now.getTime() + 16 * 60 * 1000);
    const { outboxId } = await requestPasswordReset(db, "ann@example.com", later);
    expect(outboxId).not.toBeNull();
  });

  test("unknown email queues nothing", async () => {
    const { outboxId } = await requestPasswordReset(db, "nobody@example.com");
    expect(outboxId).toBeNull();
  });

  test("deactivated user gets no token", async () => {
    const userId = await insertUser(db, { login: "ann@example.com", active: false });
    await requestPasswordReset(db, "ann@example.com");
    expect(await tokensOf(db, userId)).toEqual([]);
  });

  test("new request voids the older link", async () => {
    const userId = await insertUser(db, { login: "ann@example.com" });
    await requestPasswordReset(db, "ann@example.com");
    await requestPasswordReset(db, "ann@example.com");
    const tokens = await tokensOf(db, userId);
    expect(tokens.filter((token) => token.voidedAt === null)).toHaveLength(1);
  });
});

describe("reset ends older sessions", () => {
  async function resetPassword(userId: number) {
    const user = await getUser(db, userId);
    const { outboxId } = await requestPasswordReset(db, user.login);
    const form = new FormData();
    form.set("token", await tokenFromOutbox(outboxId!));
    form.set("password", "brand new password");
    form.set("confirmPassword", "brand new password");
    await expect(setPassword(null, form)).rejects.toThrow("NEXT_REDIRECT");
  }

  test("getCurrentUser rejects the older session", async () => {
    const userId = await insertUser(db, { login: "ann@example.com", password: "old password 1" });
    const version = (await getUser(db, userId)).sessionVersion;
    session.current = { user: { id: String(userId) }, sessionVersion: version };
    await resetPassword(userId);
    expect(await getCurrentUser()).toBeNull();
  });

  test("access route answers signed out", async () => {
    const userId = await insertUser(db, { login: "ann@example.com", password: "old password 1" });
    const version = (await getUser(db, userId)).sessionVersion;
    session.current = { user: { id: String(userId) }, sessionVersion: version };
    await resetPassword(userId);
    const body = await (await getSessionAccess()).json();
    expect(body).toEqual({ signedIn: false });
  });

  test("session before reset was accepted", async () => {
    const userId = await insertUser(db, { login: "ann@example.com", password: "old password 1" });
    const version = (await getUser(db, userId)).sessionVersion;
    session.current = { user: { id: String(userId) }, sessionVersion: version };
    expect((await getCurrentUser())?.id).toBe(userId);
  });
});

describe("password_reset email", () => {
  const payload = {
    schoolName: "Test School",
    recipientName: "Ann",
    login: "ann@example.com",
    setPasswordUrl: "http://127.0.0.1:3999/set-password?token=abc",
    expiresAt: "2027-01-30T12:00:00.000Z",
  };

  test("subject names the school", async () => {
    const { renderEmail } = await import("@/lib/email/templates");
    const rendered = await renderEmail("password_reset", payload);
    expect(rendered.subject).toBe("Reset your Test School portal password");
  });

  test("text contains the link", async () => {
    const { renderEmail } = await import("@/lib/email/templates");
    const rendered = await renderEmail("password_reset", payload);
    expect(rendered.text).toContain(payload.setPasswordUrl);
  });
});
