import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { writeTransaction, type Database } from "@/db/client";
import { users } from "@/db/schema";
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
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDb: () => db,
}));

const { getCurrentUser } = await import("@/lib/auth/session");
const { GET: getSessionAccess } = await import("@/app/api/session/access/route");
const { setUserActive } = await import("@/lib/users/mutations");
const { getUsers, USERS_PAGE_SIZE } = await import("@/lib/users/queries");
const actions = await import("@/app/admin/users/actions");

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  session.current = null;
});

afterEach(async () => {
  await testDb.cleanup();
});

async function signInAs(userId: number) {
  const { sessionVersion } = await getUser(db, userId);
  session.current = { user: { id: String(userId) }, sessionVersion };
}

function userForm(userId: number): FormData {
  const form = new FormData();
  form.set("userId", String(userId));
  return form;
}

describe("deactivate", () => {
  test("clears active", async () => {
    const managerId = await insertUser(db, { login: "boss@example.com", role: "manager" });
    const userId = await insertUser(db, { login: "ann@example.com", password: "password 123" });
    await setUserActive(db, { userId, managerId, active: false });
    expect((await getUser(db, userId)).active).toBe(false);
  });

  test("raises session_version", async () => {
    const managerId = await insertUser(db, { login: "boss@example.com", role: "manager" });
    const userId = await insertUser(db, { login: "ann@example.com", password: "password 123" });
    const before = (await getUser(db, userId)).sessionVersion;
    await setUserActive(db, { userId, managerId, active: false });
    expect((await getUser(db, userId)).sessionVersion).toBe(before + 1);
  });

  test("ends the user's session", async () => {
    const managerId = await insertUser(db, { login: "boss@example.com", role: "manager" });
    const userId = await insertUser(db, { login: "ann@example.com", password: "password 123" });
    await signInAs(userId);
    await setUserActive(db, { userId, managerId, active: false });
    expect(await getCurrentUser()).toBeNull();
  });

  test("access route answers signed out", async () => {
    const managerId = await insertUser(db, { login: "boss@example.com", role: "manager" });
    const userId = await insertUser(db, { login: "ann@example.com", password: "password 123" });
    await signInAs(userId);
    await setUserActive(db, { userId, managerId, active: false });
    expect(await (await getSessionAccess()).json()).toEqual({ signedIn: false });
  });

  test("reactivate does not revive old session", async () => {
    const managerId = await insertUser(db, { login: "boss@example.com", role: "manager" });
    const userId = await insertUser(db, { login: "ann@example.com", password: "password 123" });
    await signInAs(userId);
    await setUserActive(db, { userId, managerId, active: false });
    await setUserActive(db, { userId, managerId, active: true });
    expect(await getCurrentUser()).toBeNull();
  });
});

describe("user actions", () => {
  test("self-deactivation is refused", async () => {
    const managerId = await insertUser(db, { login: "boss@example.com", role: "manager" });
    await signInAs(managerId);
    const result = await actions.deactivateUserAction(null, userForm(managerId));
    expect(result?.message).toBe(
      "You cannot deactivate your own account. Ask another manager to do it.",
    );
  });

  test("self-deactivation leaves manager active", async () => {
    const managerId = await insertUser(db, { login: "boss@example.com", role: "manager" });
    await signInAs(managerId);
    await actions.deactivateUserAction(null, userForm(managerId));
    expect((await getUser(db, managerId)).active).toBe(true);
  });

  test("portal user cannot deactivate", async () => {
    const userId = await insertUser(db, { login: "ann@example.com", password: "password 123" });
    const otherId = await insertUser(db, { login: "bob@example.com", password: "password 123" });
    await signInAs(userId);
    await actions.deactivateUserAction(null, userForm(otherId));
    expect((await getUser(db, otherId)).active).toBe(true);
  });

  test("send reset issues a reset token", async () => {
    const managerId = await insertUser(db, { login: "boss@example.com", role: "manager" });
    const userId = await insertUser(db, { login: "ann@example.com", password: "password 123" });
    await signInAs(managerId);
    await actions.sendPasswordResetAction(null, userForm(userId));
    const tokens = await tokensOf(db, userId);
    expect(tokens.map((token) => token.purpose)).toEqual(["password_reset"]);
  });

  test("send reset skips deactivated user", async () => {
    const managerId = await insertUser(db, { login: "boss@example.com", role: "manager" });
    const userId = await insertUser(db, { login: "ann@example.com", active: false });
    await signInAs(managerId);
    const result = await actions.sendPasswordResetAction(null, userForm(userId));
    expect(result?.ok).toBe(false);
  });

  test("resend invitation issues an invitation", async () => {
    const managerId = await insertUser(db, { login: "boss@example.com", role: "manager" });
    const userId = await insertUser(db, { login: "ann@example.com" });
    await signInAs(managerId);
    await actions.resendUserInvitationAction(null, userForm(userId));
    const tokens = await tokensOf(db, userId);
    expect(tokens.map((token) => token.purpose)).toEqual(["invitation"]);
  });
});

describe("getUsers", () => {
  async function insertMany(total: number) {
    const rows = Array.from({ length: total }, (_, index) => ({
      login: `user${String(index).padStart(3, "0")}@example.com`,
      name: `User ${String(index).padStart(3, "0")}`,
      role: "portal" as const,
      isParent: index % 2 === 0,
    }));
    await writeTransaction(db, (tx) => tx.insert(users).values(rows));
  }

  test("first page holds the page size", async () => {
    await insertMany(120);
    const result = await getUsers({ page: 1 }, db);
    expect(result.users).toHaveLength(USERS_PAGE_SIZE);
  });

  test("counts every matching user", async () => {
    await insertMany(120);
    const result = await getUsers({ page: 1 }, db);
    expect(result.total).toBe(120);
  });

  test("last page holds the rest", async () => {
    await insertMany(120);
    const result = await getUsers({ page: 3 }, db);
    expect(result.users.map((user) => user.name).slice(0, 2)).toEqual(["User 100", "User 101"]);
  });

  test("page past the end shows the last", async () => {
    await insertMany(120);
    const result = await getUsers({ page: 9 }, db);
    expect(result.page).toBe(3);
  });

  test("kind filter keeps parents", async () => {
    await insertMany(10);
    const result = await getUsers({ kind: "parent" }, db);
    expect(result.users.map((user) => user.name)).toEqual([
      "User 000",
      "User 002",
      "User 004",
      "User 006",
      "User 008",
    ]);
  });

  test("state filter finds deactivated", async () => {
    await insertUser(db, { login: "ann@example.com", password: "password 123" });
    await insertUser(db, { login: "bob@example.com", active: false });
    await insertUser(db, { login: "cat@example.com" });
    const result = await getUsers({ state: "deactivated" }, db);
    expect(result.users.map((user) => user.login)).toEqual(["bob@example.com"]);
  });

  test("state filter finds invited", async () => {
    await insertUser(db, { login: "ann@example.com", password: "password 123" });
    await insertUser(db, { login: "bob@example.com", active: false });
    await insertUser(db, { login: "cat@example.com" });
    const result = await getUsers({ state: "invited" }, db);
    expect(result.users.map((user) => user.login)).toEqual(["cat@example.com"]);
  });

  test("role filter finds managers", async () => {
    await insertUser(db, { login: "boss@example.com", role: "manager" });
    await insertUser(db, { login: "ann@example.com" });
    const result = await getUsers({ role: "manager" }, db);
    expect(result.users.map((user) => [user.login, user.kind])).toEqual([
      ["boss@example.com", "staff"],
    ]);
  });

  test("search matches login", async () => {
    await insertMany(30);
    const result = await getUsers({ search: "user02" }, db);
    expect(result.total).toBe(10);
  });

  test("search treats % literally", async () => {
    await insertMany(5);
    const result = await getUsers({ search: "%" }, db);
    expect(result.total).toBe(0);
  });
});
