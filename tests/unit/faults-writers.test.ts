import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { eq } from "drizzle-orm";
import {
  BUSY_TIMEOUT_MS,
  isBusyError,
  MAX_BUSY_ATTEMPTS,
  openDatabase,
  writeTransaction,
  type Database,
} from "@/db/client";
import { users } from "@/db/schema";
import { runWriterWorkload, type WriterFixture, type WriterReport } from "../support/faults-writers";
import {
  createTestDatabase,
  createUserForParent,
  expectedChildIds,
  insertParent,
  insertStudentWithUser,
  storedChildIds,
  type TestDatabase,
} from "../support/test-db";

const run = promisify(execFile);
const TSX = path.join(process.cwd(), "node_modules", ".bin", "tsx");
const CHILD_SCRIPT = path.join(process.cwd(), "tests", "support", "faults-writer-child.ts");
const PROCESS_COUNT = 3;
const WORKLOAD = { iterations: 25, concurrency: 4 };

let testDb: TestDatabase;
let db: Database;
let fixture: WriterFixture;
let parentUserIds: number[];

async function runChild(seed: number): Promise<WriterReport> {
  const { stdout } = await run(TSX, [CHILD_SCRIPT], {
    env: {
      ...process.env,
      DATABASE_URL: testDb.url,
      WRITER_FIXTURE: JSON.stringify(fixture),
      WRITER_OPTIONS: JSON.stringify({ ...WORKLOAD, seed }),
    },
    timeout: 120_000,
  });
  return JSON.parse(stdout.trim().split("\n").pop()!) as WriterReport;
}

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  const studentIds: number[] = [];
  const logins: WriterFixture["logins"] = [];
  for (let i = 0; i < 20; i++) {
    const email = `student${i}@example.com`;
    const { studentId, userId } = await insertStudentWithUser(db, { name: `Student ${i}`, email });
    studentIds.push(studentId);
    logins.push({ userId, login: email });
  }
  const parentIds: number[] = [];
  parentUserIds = [];
  for (let i = 0; i < 6; i++) {
    const parentId = await insertParent(db, { name: `Parent ${i}`, email: `parent${i}@example.com` }, [
      studentIds[i],
    ]);
    parentIds.push(parentId);
    parentUserIds.push(await createUserForParent(db, parentId));
  }
  fixture = { parentIds, studentIds, logins };
});

afterEach(async () => {
  vi.restoreAllMocks();
  await testDb.cleanup();
});

test("parallel writers never see SQLITE_BUSY", { timeout: 180_000 }, async () => {
  // A second connection pool in this process shares the file's write queue
  // with the first, so their writers take turns instead of deadlocking.
  const secondDb = openDatabase(testDb.url);
  const reports = await Promise.all([
    ...Array.from({ length: PROCESS_COUNT }, (_, index) => runChild(index + 1)),
    runWriterWorkload(db, fixture, { ...WORKLOAD, seed: 100 }),
    runWriterWorkload(secondDb, fixture, { ...WORKLOAD, seed: 200 }),
  ]);
  secondDb.$client.close();

  const errors = reports.flatMap((report) => report.errors);
  expect(errors.filter((error) => /SQLITE_BUSY|database is locked/i.test(error))).toEqual([]);
  expect(errors).toEqual([]);
  const expectedOperations = (PROCESS_COUNT + 2) * WORKLOAD.iterations * WORKLOAD.concurrency;
  expect(reports.reduce((sum, report) => sum + report.operations, 0)).toBe(expectedOperations);
  for (const userId of parentUserIds) {
    expect(await storedChildIds(db, userId), `child_ids of user ${userId}`).toEqual(
      await expectedChildIds(db, userId),
    );
  }
});

describe("writeTransaction after SQLITE_BUSY", () => {
  test("retries until the lock is free", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    // Another connection pool holds the write lock, as another process would.
    const holder = openDatabase(testDb.url);
    const lock = await holder.$client.transaction("write");
    await lock.execute("UPDATE users SET name = name WHERE id = 1");
    setTimeout(() => void lock.commit(), BUSY_TIMEOUT_MS + 200);

    await writeTransaction(db, (tx) => tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, 1)));
    // The connection that saw SQLITE_BUSY must not break later commits.
    await writeTransaction(db, (tx) => tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, 2)));

    expect(console.warn).toHaveBeenCalled();
    holder.$client.close();
  });

  test("gives up after the last attempt", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    let attempts = 0;
    const busy = Object.assign(new Error("SQLITE_BUSY: database is locked"), { code: "SQLITE_BUSY" });
    await expect(
      writeTransaction(db, async () => {
        attempts++;
        throw busy;
      }),
    ).rejects.toBe(busy);
    expect(attempts).toBe(MAX_BUSY_ATTEMPTS);
  });

  test("other errors are not retried", async () => {
    let attempts = 0;
    await expect(
      writeTransaction(db, async () => {
        attempts++;
        throw new Error("UNIQUE constraint failed");
      }),
    ).rejects.toThrow("UNIQUE");
    expect(attempts).toBe(1);
  });
});

describe("isBusyError", () => {
  test.each([
    [{ code: "SQLITE_BUSY" }, true],
    [{ code: "SQLITE_BUSY_SNAPSHOT" }, true],
    [new Error("database is locked"), true],
    [new Error("wrapped", { cause: { code: "SQLITE_BUSY" } }), true],
    [{ code: "SQLITE_CONSTRAINT" }, false],
    [null, false],
  ])("%o is %s", (error, expected) => {
    expect(isBusyError(error)).toBe(expected);
  });
});
