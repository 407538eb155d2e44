import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { writeTransaction, type Database } from "@/db/client";
import { emailOutbox, passwordTokens } from "@/db/schema";
import {
  consumePasswordToken,
  inspectPasswordToken,
  issuePasswordToken,
  TOKEN_LIFETIME_MS,
} from "@/lib/auth/tokens";
import { queueInvitation } from "@/lib/invitations";
import { createParentUser } from "@/lib/parents/create-parent-user";
import { createTestDatabase, insertParent, type TestDatabase } from "../support/test-db";

let testDb: TestDatabase;
let db: Database;
let userId: number;

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  const parentId = await insertParent(db, { name: "Robert Smith", email: "robert@example.com" });
  const result = await createParentUser(db, { parentId });
  if (result.status !== "created") throw new Error(`createParentUser returned ${result.status}`);
  userId = result.userId;
});

afterEach(async () => {
  await testDb.cleanup();
});

function issue(now = new Date()) {
  return writeTransaction(db, (tx) => issuePasswordToken(tx, userId, "password_reset", now));
}

function consume(token: string, now = new Date()) {
  return writeTransaction(db, (tx) => consumePasswordToken(tx, token, now));
}

/** Reads the token out of the set-password link stored in an outbox row. */
async function tokenFromOutbox(outboxId: number): Promise<string> {
  const row = await db.query.emailOutbox.findFirst({ where: eq(emailOutbox.id, outboxId) });
  const link = (row?.payload as { setPasswordUrl?: string } | undefined)?.setPasswordUrl;
  if (!link) throw new Error(`Outbox row ${outboxId} has no set-password link`);
  return new URL(link).searchParams.get("token") ?? "";
}

describe("issuePasswordToken", () => {
  test("stores only the SHA-256 hash", async () => {
    const { token } = await issue();
    const rows = await db.$client.execute("SELECT * FROM password_tokens");
    const dump = JSON.stringify(rows.rows);
    expect(dump).not.toContain(token);
    const expectedHash = createHash("sha256").update(token).digest("hex");
    const stored = await db.query.passwordTokens.findFirst({
      where: eq(passwordTokens.tokenHash, expectedHash),
    });
    expect(stored?.userId).toBe(userId);
  });

  test("token is long and URL-safe", async () => {
    const { token } = await issue();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43,}$/);
  });

  test("expiry is 72 hours", async () => {
    const now = new Date("2026-03-01T10:00:00Z");
    const { expiresAt } = await issue(now);
    expect(expiresAt.getTime() - now.getTime()).toBe(72 * 60 * 60 * 1000);
  });
});

describe("inspectPasswordToken", () => {
  test("valid twice without consuming", async () => {
    const { token } = await issue();
    const first = await inspectPasswordToken(db, token);
    const second = await inspectPasswordToken(db, token);
    expect(first).toMatchObject({ state: "valid", userId, purpose: "password_reset" });
    expect(second).toMatchObject({ state: "valid", userId });
    expect(await consume(token)).toEqual({ userId, purpose: "password_reset" });
  });

  test("unknown token", async () => {
    const state = await inspectPasswordToken(db, "A".repeat(43));
    expect(state).toEqual({ state: "unknown" });
  });

  test("malformed token", async () => {
    const state = await inspectPasswordToken(db, "' OR 1=1 --");
    expect(state).toEqual({ state: "unknown" });
  });

  test("used after consume", async () => {
    const { token } = await issue();
    await consume(token);
    const state = await inspectPasswordToken(db, token);
    expect(state).toEqual({ state: "used" });
  });
});

describe("consumePasswordToken", () => {
  test("works once", async () => {
    const { token } = await issue();
    const first = await consume(token);
    const second = await consume(token);
    expect(first).toEqual({ userId, purpose: "password_reset" });
    expect(second).toBeNull();
  });

  test("unknown token is null", async () => {
    expect(await consume("A".repeat(43))).toBeNull();
  });

  test("10 concurrent consumes succeed once", async () => {
    const { token } = await issue();
    const results = await Promise.all(Array.from({ length: 10 }, () => consume(token)));
    const successes = results.filter((result) => result !== null);
    expect(successes).toHaveLength(1);
    expect(successes[0]).toEqual({ userId, purpose: "password_reset" });
  });
});

describe("token expiry", () => {
  const issuedAt = new Date("2026-03-01T10:00:00Z");
  const afterExpiry = new Date(issuedAt.getTime() + TOKEN_LIFETIME_MS + 1);
  const justBefore = new Date(issuedAt.getTime() + TOKEN_LIFETIME_MS - 1);

  test("inspect says expired", async () => {
    const { token } = await issue(issuedAt);
    const state = await inspectPasswordToken(db, token, afterExpiry);
    expect(state).toEqual({ state: "expired" });
  });

  test("consume after expiry is null", async () => {
    const { token } = await issue(issuedAt);
    expect(await consume(token, afterExpiry)).toBeNull();
  });

  test("expired consume leaves it unused", async () => {
    const { token } = await issue(issuedAt);
    await consume(token, afterExpiry);
    const state = await inspectPasswordToken(db, token, afterExpiry);
    expect(state).toEqual({ state: "expired" });
  });

  test("valid just before expiry", async () => {
    const { token } = await issue(issuedAt);
    const state = await inspectPasswordToken(db, token, justBefore);
    expect(state.state).toBe("valid");
    expect(await consume(token, justBefore)).toEqual({ userId, purpose: "password_reset" });
  });
});

describe("new invitation", () => {
  test("old link replaced", async () => {
    const firstOutbox = (await db.select().from(emailOutbox).where(eq(emailOutbox.userId, userId)))[0];
    const oldToken = await tokenFromOutbox(firstOutbox.id);
    expect((await inspectPasswordToken(db, oldToken)).state).toBe("valid");

    const newOutboxId = await writeTransaction(db, (tx) => queueInvitation(tx, userId));
    const newToken = await tokenFromOutbox(newOutboxId);

    expect(await inspectPasswordToken(db, oldToken)).toEqual({ state: "replaced" });
    expect(await consume(oldToken)).toBeNull();
    expect(await inspectPasswordToken(db, newToken)).toMatchObject({ state: "valid", userId });
  });

  test("reset link replaces invitation", async () => {
    const [outboxRow] = await db.select().from(emailOutbox).where(eq(emailOutbox.userId, userId));
    const invitationToken = await tokenFromOutbox(outboxRow.id);
    await issue();
    expect(await inspectPasswordToken(db, invitationToken)).toEqual({ state: "replaced" });
  });

  test("used token stays used", async () => {
    const { token } = await issue();
    await consume(token);
    await writeTransaction(db, (tx) => queueInvitation(tx, userId));
    expect(await inspectPasswordToken(db, token)).toEqual({ state: "used" });
  });
});
