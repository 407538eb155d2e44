import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Database } from "@/db/client";
import { emailOutbox, parents, passwordTokens, users } from "@/db/schema";
import { inspectPasswordToken } from "@/lib/auth/tokens";
import {
  createParentUser,
  type CreateParentUserResult,
} from "@/lib/parents/create-parent-user";
import { setStudentsActive } from "@/lib/students/mutations";
import {
  countRows,
  createTestDatabase,
  createUserForParent,
  expectedChildIds,
  insertManager,
  insertParent,
  insertStudent,
  insertStudentWithUser,
  storedChildIds,
  type TestDatabase,
} from "../support/test-db";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TSX = path.resolve(HERE, "../../node_modules/.bin/tsx");
const WORKER = path.join(HERE, "fixtures/create-parent-users.ts");

/**
 * Starts the fixture that calls createParentUser from another process. Resolves
 * `ready` once it has opened the database, and `statuses` when it exits. It is
 * killed by PID if it has not finished within 20 s.
 */
function startChildProcess(args: string[]) {
  const child = spawn(TSX, [WORKER, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  const killTimer = setTimeout(() => child.kill(), 20_000);
  let stdout = "";
  let stderr = "";
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
    if (stdout.startsWith("ready\n")) markReady();
  });
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const statuses = new Promise<string[]>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(killTimer);
      markReady();
      if (code === 0) resolve(JSON.parse(stdout.slice("ready\n".length)) as string[]);
      else reject(new Error(`${WORKER} exited with ${code}: ${stderr}`));
    });
  });
  return { ready, start: () => child.stdin.write("go\n"), statuses };
}

/** Asserts the result's status and returns the result narrowed to that status. */
function withStatus<S extends CreateParentUserResult["status"]>(
  result: CreateParentUserResult,
  status: S,
): Extract<CreateParentUserResult, { status: S }> {
  expect(result.status).toBe(status);
  return result as Extract<CreateParentUserResult, { status: S }>;
}

let testDb: TestDatabase;
let db: Database;

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
});

afterEach(async () => {
  await testDb.cleanup();
});

/** Row counts of every table createParentUser may write to. */
async function snapshotCounts(database: Database) {
  return {
    users: await countRows(database, "users"),
    outbox: await countRows(database, "email_outbox"),
    tokens: await countRows(database, "password_tokens"),
    userChildren: await countRows(database, "user_children"),
    parentsWithUser: Number(
      (await database.$client.execute("SELECT count(*) AS n FROM parents WHERE user_id IS NOT NULL"))
        .rows[0].n,
    ),
  };
}

async function getParent(parentId: number) {
  const row = await db.query.parents.findFirst({ where: eq(parents.id, parentId) });
  if (!row) throw new Error(`Parent ${parentId} not found`);
  return row;
}

async function getUser(userId: number) {
  const row = await db.query.users.findFirst({ where: eq(users.id, userId) });
  if (!row) throw new Error(`User ${userId} not found`);
  return row;
}

function outboxRowsOf(userId: number) {
  return db.select().from(emailOutbox).where(eq(emailOutbox.userId, userId));
}

function tokensOf(userId: number) {
  return db.select().from(passwordTokens).where(eq(passwordTokens.userId, userId));
}

describe("createParentUser new account", () => {
  let parentId: number;
  let johnUser: number;
  let janeUser: number;

  beforeEach(async () => {
    const john = await insertStudentWithUser(db, { name: "John Smith", email: "john.smith@example.com" });
    const jane = await insertStudentWithUser(db, { name: "Jane Smith", email: "jane.smith@example.com" });
    const archived = await insertStudentWithUser(db, { name: "Old Smith", email: "old.smith@example.com" });
    await setStudentsActive(db, [archived.studentId], false);
    const noUser = await insertStudent(db, { name: "Amy Smith", email: "amy.smith@example.com" });
    johnUser = john.userId;
    janeUser = jane.userId;
    parentId = await insertParent(
      db,
      { name: "Robert Smith", email: " Robert.Smith@Example.COM " },
      [john.studentId, jane.studentId, archived.studentId, noUser],
      "father",
    );
  });

  test("status created", async () => {
    const result = await createParentUser(db, { parentId });
    expect(result.status).toBe("created");
  });

  test("login is normalised email", async () => {
    const created = withStatus(await createParentUser(db, { parentId }), "created");
    expect(created.login).toBe("robert.smith@example.com");
    const user = await getUser(created.userId);
    expect(user.login).toBe("robert.smith@example.com");
  });

  test("user is a portal parent", async () => {
    const user = await getUser(await createdUserId(await createParentUser(db, { parentId })));
    expect(user.isParent).toBe(true);
    expect(user.role).toBe("portal");
    expect(user.active).toBe(true);
    expect(user.name).toBe("Robert Smith");
  });

  test("user has no password", async () => {
    const user = await getUser(await createdUserId(await createParentUser(db, { parentId })));
    expect(user.passwordHash).toBeNull();
  });

  test("parent points at user", async () => {
    const userId = await createdUserId(await createParentUser(db, { parentId }));
    const parent = await getParent(parentId);
    expect(parent.userId).toBe(userId);
  });

  test("child_ids are active students' users", async () => {
    const userId = await createdUserId(await createParentUser(db, { parentId }));
    const stored = await storedChildIds(db, userId);
    expect(stored).toEqual([johnUser, janeUser].sort((a, b) => a - b));
    expect(stored).toEqual(await expectedChildIds(db, userId));
  });

  test("one invitation queued", async () => {
    const created = withStatus(await createParentUser(db, { parentId }), "created");
    const rows = await outboxRowsOf(created.userId);
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(created.outboxId);
    expect(rows[0].template).toBe("invitation");
    expect(rows[0].recipient).toBe("robert.smith@example.com");
    expect(rows[0].status).toBe("queued");
  });

  test("one unused token", async () => {
    const userId = await createdUserId(await createParentUser(db, { parentId }));
    const tokens = await tokensOf(userId);
    expect(tokens).toHaveLength(1);
    expect(tokens[0].purpose).toBe("invitation");
    expect(tokens[0].usedAt).toBeNull();
    expect(tokens[0].voidedAt).toBeNull();
  });

  test("invitation link token is valid", async () => {
    const userId = await createdUserId(await createParentUser(db, { parentId }));
    const [row] = await outboxRowsOf(userId);
    const url = new URL(String((row.payload as Record<string, unknown>).setPasswordUrl));
    expect(url.origin).toBe("http://127.0.0.1:3999");
    expect(url.pathname).toBe("/set-password");
    const state = await inspectPasswordToken(db, url.searchParams.get("token") ?? "");
    expect(state).toMatchObject({ state: "valid", userId, purpose: "invitation" });
  });

  test("second call already_has_user", async () => {
    const userId = await createdUserId(await createParentUser(db, { parentId }));
    const before = await snapshotCounts(db);
    const again = await createParentUser(db, { parentId });
    expect(again).toEqual({
      status: "already_has_user",
      userId,
      login: "robert.smith@example.com",
    });
    expect(await snapshotCounts(db)).toEqual(before);
  });
});

async function createdUserId(result: CreateParentUserResult): Promise<number> {
  return withStatus(result, "created").userId;
}

describe("createParentUser email source", () => {
  test.each([
    ["null", null],
    ["empty", ""],
    ["blank", "   "],
  ])("contact email when own is %s", async (_case, ownEmail) => {
    const parentId = await insertParent(db, {
      name: "Linda Brown",
      email: ownEmail,
      contactEmail: "Linda.Brown@Example.com",
    });
    const created = withStatus(await createParentUser(db, { parentId }), "created");
    expect(created.login).toBe("linda.brown@example.com");
  });

  test("own email before contact email", async () => {
    const parentId = await insertParent(db, {
      name: "Linda Brown",
      email: "linda@example.com",
      contactEmail: "office@example.com",
    });
    const created = withStatus(await createParentUser(db, { parentId }), "created");
    expect(created.login).toBe("linda@example.com");
  });

  test("no email writes nothing", async () => {
    const student = await insertStudentWithUser(db, { name: "Amy Jones", email: "amy@example.com" });
    const parentId = await insertParent(db, { name: "Peter Jones" }, [student.studentId]);
    const before = await snapshotCounts(db);
    const result = await createParentUser(db, { parentId });
    expect(result).toEqual({ status: "no_email" });
    expect(await snapshotCounts(db)).toEqual(before);
    expect((await getParent(parentId)).userId).toBeNull();
  });

  test("invalid email writes nothing", async () => {
    const parentId = await insertParent(db, { name: "Peter Jones", email: "peter@localhost" });
    const before = await snapshotCounts(db);
    const invalid = withStatus(await createParentUser(db, { parentId }), "invalid_email");
    expect(invalid.message).toContain("peter@localhost");
    expect(await snapshotCounts(db)).toEqual(before);
  });

  test("unknown parent", async () => {
    const result = await createParentUser(db, { parentId: 9999 });
    expect(result).toEqual({ status: "parent_not_found" });
  });
});

describe("createParentUser existing login", () => {
  let robertParent: number;
  let robertUser: number;
  let johnUser: number;
  let janeStudent: number;
  let janeUser: number;

  beforeEach(async () => {
    const john = await insertStudentWithUser(db, { name: "John Smith", email: "john.smith@example.com" });
    const jane = await insertStudentWithUser(db, { name: "Jane Smith", email: "jane.smith@example.com" });
    johnUser = john.userId;
    janeStudent = jane.studentId;
    janeUser = jane.userId;
    robertParent = await insertParent(
      db,
      { name: "Robert Smith", email: "robert.smith@example.com" },
      [john.studentId],
      "father",
    );
    robertUser = await createUserForParent(db, robertParent);
  });

  test("case variant names the account", async () => {
    const parentId = await insertParent(db, { name: "Rob Smith", email: "ROBERT.smith@example.com" });
    const result = await createParentUser(db, { parentId });
    expect(result).toEqual({
      status: "login_exists",
      login: "robert.smith@example.com",
      account: {
        id: robertUser,
        name: "Robert Smith",
        login: "robert.smith@example.com",
        kind: "parent",
      },
      canShare: true,
    });
  });

  test("case variant writes nothing", async () => {
    const parentId = await insertParent(db, { name: "Rob Smith", email: "ROBERT.smith@example.com" });
    const before = await snapshotCounts(db);
    await createParentUser(db, { parentId });
    expect(await snapshotCounts(db)).toEqual(before);
    expect((await getParent(parentId)).userId).toBeNull();
  });

  describe("sharing a parent account", () => {
    let maryParent: number;

    beforeEach(async () => {
      maryParent = await insertParent(
        db,
        { name: "Mary Smith", email: "Robert.Smith@example.com" },
        [janeStudent],
        "mother",
      );
    });

    test("status linked", async () => {
      const result = await createParentUser(db, { parentId: maryParent, shareUserId: robertUser });
      expect(result).toEqual({ status: "linked", userId: robertUser, login: "robert.smith@example.com" });
    });

    test("both parents use the account", async () => {
      await createParentUser(db, { parentId: maryParent, shareUserId: robertUser });
      expect((await getParent(maryParent)).userId).toBe(robertUser);
      expect((await getParent(robertParent)).userId).toBe(robertUser);
    });

    test("child_ids are the union", async () => {
      await createParentUser(db, { parentId: maryParent, shareUserId: robertUser });
      const stored = await storedChildIds(db, robertUser);
      expect(stored).toEqual([johnUser, janeUser].sort((a, b) => a - b));
      expect(stored).toEqual(await expectedChildIds(db, robertUser));
    });

    test("no second email or user", async () => {
      const before = await snapshotCounts(db);
      await createParentUser(db, { parentId: maryParent, shareUserId: robertUser });
      const after = await snapshotCounts(db);
      expect(after.users).toBe(before.users);
      expect(after.outbox).toBe(before.outbox);
      expect(after.tokens).toBe(before.tokens);
    });

    test("wrong shareUserId not linked", async () => {
      const result = await createParentUser(db, { parentId: maryParent, shareUserId: johnUser });
      expect(result.status).toBe("login_exists");
      expect((await getParent(maryParent)).userId).toBeNull();
    });

    test("deactivated account not shareable", async () => {
      await db.update(users).set({ active: false }).where(eq(users.id, robertUser));
      const result = await createParentUser(db, { parentId: maryParent, shareUserId: robertUser });
      expect(withStatus(result, "login_exists").canShare).toBe(false);
      expect((await getParent(maryParent)).userId).toBeNull();
    });
  });

  describe("student account", () => {
    let parentId: number;

    beforeEach(async () => {
      parentId = await insertParent(db, { name: "Jane's Guardian", email: "Jane.Smith@example.com" });
    });

    test("canShare false", async () => {
      const exists = withStatus(await createParentUser(db, { parentId }), "login_exists");
      expect(exists.account.kind).toBe("student");
      expect(exists.account.id).toBe(janeUser);
      expect(exists.canShare).toBe(false);
    });

    test("shareUserId rejected", async () => {
      const before = await snapshotCounts(db);
      const result = await createParentUser(db, { parentId, shareUserId: janeUser });
      expect(result.status).toBe("login_exists");
      expect((await getParent(parentId)).userId).toBeNull();
      expect((await getUser(janeUser)).isParent).toBe(false);
      expect(await storedChildIds(db, janeUser)).toEqual([]);
      expect(await snapshotCounts(db)).toEqual(before);
    });
  });

  describe("manager account", () => {
    let managerId: number;
    let parentId: number;

    beforeEach(async () => {
      managerId = await insertManager(db, "office@example.com", "Morgan Lee");
      parentId = await insertParent(db, { name: "Office Parent", email: "Office@Example.com" });
    });

    test("canShare false", async () => {
      const exists = withStatus(await createParentUser(db, { parentId }), "login_exists");
      expect(exists.account.kind).toBe("staff");
      expect(exists.account.id).toBe(managerId);
      expect(exists.canShare).toBe(false);
    });

    test("shareUserId rejected", async () => {
      const before = await snapshotCounts(db);
      const result = await createParentUser(db, { parentId, shareUserId: managerId });
      expect(result.status).toBe("login_exists");
      expect((await getParent(parentId)).userId).toBeNull();
      expect((await getUser(managerId)).role).toBe("manager");
      expect((await getUser(managerId)).isParent).toBe(false);
      expect(await snapshotCounts(db)).toEqual(before);
    });
  });
});

describe("createParentUser concurrency", () => {
  test("20 calls for one parent", async () => {
    const student = await insertStudentWithUser(db, { name: "John Smith", email: "john@example.com" });
    const parentId = await insertParent(db, { name: "Robert Smith", email: "robert@example.com" }, [
      student.studentId,
    ]);
    const before = await snapshotCounts(db);

    const results = await Promise.all(
      Array.from({ length: 20 }, () => createParentUser(db, { parentId })),
    );

    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === "created")).toHaveLength(1);
    expect(statuses.filter((status) => status === "already_has_user")).toHaveLength(19);
    const after = await snapshotCounts(db);
    expect(after.users - before.users).toBe(1);
    expect(after.outbox - before.outbox).toBe(1);
    expect(after.tokens - before.tokens).toBe(1);
  });

  test("20 parents with one email", async () => {
    const parentIds: number[] = [];
    for (let i = 0; i < 20; i++) {
      parentIds.push(await insertParent(db, { name: `Parent ${i}`, email: "Family@Example.com" }));
    }

    const results = await Promise.all(
      parentIds.map((parentId) => createParentUser(db, { parentId })),
    );

    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === "created")).toHaveLength(1);
    expect(statuses.filter((status) => status === "login_exists")).toHaveLength(19);
    expect(await countRows(db, "users")).toBe(1);
    expect(await countRows(db, "email_outbox")).toBe(1);
    expect(await countRows(db, "password_tokens")).toBe(1);
  });

  test("20 calls over two processes", async () => {
    const parentIds: number[] = [];
    for (let i = 0; i < 10; i++) {
      parentIds.push(await insertParent(db, { name: `Parent ${i}`, email: "family@example.com" }));
    }

    // The child process has its own client, so only SQLite's locking and the
    // busy timeout keep the two processes from both creating the login.
    const child = startChildProcess([testDb.url, ...parentIds.map(String)]);
    await child.ready;
    child.start();
    const ownResults = await Promise.all(
      parentIds.map((parentId) => createParentUser(db, { parentId })),
    );
    const childStatuses = await child.statuses;

    const statuses = [...ownResults.map((result) => result.status), ...childStatuses];
    expect(statuses).toHaveLength(20);
    expect(statuses.filter((status) => status === "created")).toHaveLength(1);
    expect(await countRows(db, "users")).toBe(1);
    expect(await countRows(db, "email_outbox")).toBe(1);
    expect(await countRows(db, "password_tokens")).toBe(1);
  });
});
