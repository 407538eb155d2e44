import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  beginLoginAttempt,
  getClientAddress,
  MAX_ACCOUNT_FAILURES,
  MAX_ADDRESS_FAILURES,
  recordLoginSuccess,
  THROTTLE_WINDOW_MS,
  type ThrottleKeys,
} from "@/lib/auth/throttle";
import { countRows, createTestDatabase, insertManager, type TestDatabase } from "../support/test-db";

const START = new Date("2026-03-02T09:00:00Z");

function minutesAfterStart(minutes: number): Date {
  return new Date(START.getTime() + minutes * 60_000);
}

let testDb: TestDatabase;

beforeEach(async () => {
  testDb = await createTestDatabase();
});

afterEach(async () => {
  await testDb.cleanup();
});

/** Records `count` failed attempts and returns how many were allowed to start. */
async function failTimes(keys: ThrottleKeys, count: number, now = START): Promise<number> {
  let allowed = 0;
  for (let i = 0; i < count; i++) {
    if (await beginLoginAttempt(testDb.db, keys, now)) allowed++;
  }
  return allowed;
}

describe("login throttle", () => {
  it("allows five failures per account", async () => {
    await insertManager(testDb.db, "office@example.com");
    const keys = { login: "office@example.com", address: null };
    expect(await failTimes(keys, MAX_ACCOUNT_FAILURES)).toBe(MAX_ACCOUNT_FAILURES);
  });

  it("throttles the sixth attempt", async () => {
    await insertManager(testDb.db, "office@example.com");
    const keys = { login: "office@example.com", address: null };
    await failTimes(keys, MAX_ACCOUNT_FAILURES);
    expect(await beginLoginAttempt(testDb.db, keys, START)).toBe(false);
  });

  it("throttles an unknown email the same", async () => {
    const keys = { login: "nobody@example.com", address: null };
    await failTimes(keys, MAX_ACCOUNT_FAILURES);
    expect(await beginLoginAttempt(testDb.db, keys, START)).toBe(false);
  });

  it("keeps accounts apart", async () => {
    await failTimes({ login: "a@example.com", address: null }, MAX_ACCOUNT_FAILURES);
    const other = { login: "b@example.com", address: null };
    expect(await beginLoginAttempt(testDb.db, other, START)).toBe(true);
  });

  it("still throttles just before the window ends", async () => {
    const keys = { login: "nobody@example.com", address: null };
    await failTimes(keys, MAX_ACCOUNT_FAILURES);
    expect(await beginLoginAttempt(testDb.db, keys, minutesAfterStart(14.9))).toBe(false);
  });

  it("allows attempts after the window", async () => {
    const keys = { login: "nobody@example.com", address: null };
    await failTimes(keys, MAX_ACCOUNT_FAILURES);
    const later = new Date(START.getTime() + THROTTLE_WINDOW_MS);
    expect(await beginLoginAttempt(testDb.db, keys, later)).toBe(true);
  });

  it("starts a fresh count after the window", async () => {
    const keys = { login: "nobody@example.com", address: null };
    await failTimes(keys, MAX_ACCOUNT_FAILURES);
    const later = minutesAfterStart(15);
    expect(await failTimes(keys, MAX_ACCOUNT_FAILURES + 1, later)).toBe(MAX_ACCOUNT_FAILURES);
  });

  it("deletes counters of ended windows", async () => {
    await failTimes({ login: "nobody@example.com", address: null }, 2);
    await beginLoginAttempt(testDb.db, { login: "other@example.com", address: null }, minutesAfterStart(20));
    expect(await countRows(testDb.db, "login_attempts")).toBe(1);
  });

  it("clears the account after success", async () => {
    const keys = { login: "office@example.com", address: null };
    await failTimes(keys, MAX_ACCOUNT_FAILURES - 1);
    await beginLoginAttempt(testDb.db, keys, START);
    await recordLoginSuccess(testDb.db, keys);
    expect(await failTimes(keys, MAX_ACCOUNT_FAILURES)).toBe(MAX_ACCOUNT_FAILURES);
  });

  it("throttles an address across accounts", async () => {
    const address = "203.0.113.7";
    for (let i = 0; i < MAX_ADDRESS_FAILURES; i++) {
      await beginLoginAttempt(testDb.db, { login: `user${i}@example.com`, address }, START);
    }
    const fresh = { login: "fresh@example.com", address };
    expect(await beginLoginAttempt(testDb.db, fresh, START)).toBe(false);
  });

  it("counts nothing without keys", async () => {
    await failTimes({ login: null, address: null }, 3);
    expect(await countRows(testDb.db, "login_attempts")).toBe(0);
  });
});

describe("client address", () => {
  const forged = new Headers({ "x-forwarded-for": "198.51.100.1, 10.0.0.1" });

  it("ignores X-Forwarded-For without TRUSTED_PROXY", () => {
    expect(getClientAddress(forged, {})).toBeNull();
  });

  it("reads the first address with TRUSTED_PROXY=1", () => {
    expect(getClientAddress(forged, { TRUSTED_PROXY: "1" })).toBe("198.51.100.1");
  });

  it("rejects a value that is not an IP address", () => {
    const bad = new Headers({ "x-forwarded-for": "not-an-ip" });
    expect(getClientAddress(bad, { TRUSTED_PROXY: "1" })).toBeNull();
  });

  it("keeps counting when forged addresses change", async () => {
    const login = "nobody@example.com";
    for (let i = 0; i < MAX_ACCOUNT_FAILURES; i++) {
      const headers = new Headers({ "x-forwarded-for": `198.51.100.${i}` });
      await beginLoginAttempt(testDb.db, { login, address: getClientAddress(headers, {}) }, START);
    }
    const headers = new Headers({ "x-forwarded-for": "198.51.100.200" });
    const keys = { login, address: getClientAddress(headers, {}) };
    expect(await beginLoginAttempt(testDb.db, keys, START)).toBe(false);
  });
});
