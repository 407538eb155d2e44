import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase, type Database } from "@/db/client";
import { auditEvents, bulkJobItems, bulkJobs, users } from "@/db/schema";
import { currentAuditActor, withAuditActor } from "@/lib/audit/record";
import { getJobItems, getOutcomeCounts } from "@/lib/jobs/queries";
import { resumeBulkJobs, runBulkJob } from "@/lib/jobs/process";
import { startCreateParentUsersJob } from "@/lib/jobs/start";
import { insertBulkSchool, type BulkSchool } from "../support/bulk-fixtures";
import {
  createTestDatabase,
  expectedChildIds,
  insertManager,
  insertParent,
  storedChildIds,
  type TestDatabase,
} from "../support/test-db";

const MINUTE = 60_000;
const HERE = path.dirname(fileURLToPath(import.meta.url));
const TSX = path.resolve(HERE, "../../node_modules/.bin/tsx");
const WORKER = path.join(HERE, "fixtures/bulk-worker.ts");

/**
 * Starts a worker process on a job. Two workers must run in separate
 * processes: the embedded driver blocks its thread while it waits for a lock,
 * so two clients in one process would wait on each other until the busy
 * timeout. Resolves `ready` once the worker has opened the database and
 * `result` when it exits; it is killed if it runs longer than 60 s.
 */
function startWorkerProcess(url: string, jobId: number, leaseMs: number, batchSize: number) {
  const child = spawn(TSX, [WORKER, url, String(jobId), String(leaseMs), String(batchSize)], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  const killTimer = setTimeout(() => child.kill(), 60_000);
  let stdout = "";
  let stderr = "";
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
    if (stdout.startsWith("ready\n")) markReady();
  });
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const result = new Promise<string>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(killTimer);
      markReady();
      if (code === 0) resolve(JSON.parse(stdout.slice("ready\n".length)) as string);
      else reject(new Error(`${WORKER} exited with ${code}: ${stderr}`));
    });
  });
  return { ready, start: () => child.stdin.write("go\n"), result };
}

/** Runs two worker processes on one job, released at the same moment. */
async function raceWorkers(url: string, jobId: number, leaseMs: number, batchSize: number) {
  const workers = [1, 2].map(() => startWorkerProcess(url, jobId, leaseMs, batchSize));
  await Promise.all(workers.map((worker) => worker.ready));
  workers.forEach((worker) => worker.start());
  return Promise.all(workers.map((worker) => worker.result));
}

async function startJob(db: Database, parentIds: number[], managerId: number): Promise<number> {
  const started = await withAuditActor({ userId: managerId, name: "Mona Manager" }, () =>
    startCreateParentUsersJob(db, { selection: { parentIds }, createdBy: managerId }),
  );
  if (started.status !== "started") throw new Error("the job did not start");
  return started.jobId;
}

async function getJobRow(db: Database, jobId: number) {
  const row = await db.query.bulkJobs.findFirst({ where: eq(bulkJobs.id, jobId) });
  if (!row) throw new Error(`job ${jobId} not found`);
  return row;
}

/** Counts rows with raw SQL and returns the first column of the first row. */
async function scalar(db: Database, query: string, args: (string | number)[] = []): Promise<number> {
  const result = await db.$client.execute({ sql: query, args });
  return Number(result.rows[0]?.[0] ?? 0);
}

describe("Create Parent Users job over 1,000 parents with a restart", () => {
  let testDb: TestDatabase;
  let secondHandle: Database;
  let school: BulkSchool;
  let jobId: number;
  let firstRun: string;
  let processedAtRestart: number;
  let outcomeByParent: Map<number, string | null>;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const managerId = await insertManager(testDb.db, "mona@example.com", "Mona Manager");
    school = await insertBulkSchool(testDb.db, 1000);
    jobId = await startJob(
      testDb.db,
      school.parents.map((parent) => parent.parentId),
      managerId,
    );
    firstRun = await runBulkJob(testDb.db, jobId, { batchSize: 50, maxBatches: 4 });
    processedAtRestart = (await getJobRow(testDb.db, jobId)).processed;
    testDb.db.$client.close();

    // A new handle stands for the restarted server, which finds the lease of
    // the dead one and waits for it to pass.
    secondHandle = openDatabase(testDb.url);
    const later = new Date(Date.now() + 2 * MINUTE);
    await resumeBulkJobs(secondHandle, { batchSize: 50, now: () => later });

    const items = await secondHandle
      .select({ parentId: bulkJobItems.parentId, outcome: bulkJobItems.outcome })
      .from(bulkJobItems)
      .where(eq(bulkJobItems.jobId, jobId));
    outcomeByParent = new Map(items.map((item) => [item.parentId, item.outcome]));
  }, 120_000);

  afterAll(async () => {
    secondHandle?.$client.close();
    await testDb?.cleanup();
  });

  test("first run stops partway", () => {
    expect(firstRun).toBe("stopped");
    expect(processedAtRestart).toBe(150);
  });

  test("job finishes after the restart", async () => {
    const job = await getJobRow(secondHandle, jobId);
    expect(job.status).toBe("done");
    expect(job.processed).toBe(1000);
    expect(job.lockedUntil).toBeNull();
  });

  test.each([
    "created",
    "already_has_user",
    "skipped_no_email",
    "skipped_login_exists",
    "invalid_email",
  ] as const)("outcome %s goes to the right parents", (outcome) => {
    const expectedIds = school.parents
      .filter((parent) => parent.expected === outcome)
      .map((parent) => parent.parentId);
    const actualIds = school.parents
      .filter((parent) => outcomeByParent.get(parent.parentId) === outcome)
      .map((parent) => parent.parentId);
    expect(expectedIds.length).toBeGreaterThan(0);
    expect(actualIds).toEqual(expectedIds);
  });

  test("outcome counts add up to the total", async () => {
    const counts = await getOutcomeCounts({ jobId }, secondHandle);
    const sum = [...counts.values()].reduce((a, b) => a + b, 0);
    expect(sum).toBe(1000);
  });

  test("each created login exists once", async () => {
    const created = school.parents.filter((parent) => parent.expected === "created");
    const duplicates = await scalar(
      secondHandle,
      "SELECT count(*) FROM (SELECT login FROM users GROUP BY login HAVING count(*) > 1)",
    );
    const newUsers = await scalar(
      secondHandle,
      `SELECT count(*) FROM users WHERE id NOT IN (${school.existingUserIds.join(",")}) AND role = 'portal'`,
    );
    expect(duplicates).toBe(0);
    expect(newUsers).toBe(created.length);
  });

  test("created users belong to their parent", async () => {
    const mismatches = await scalar(
      secondHandle,
      `SELECT count(*) FROM bulk_job_items i JOIN parents p ON p.id = i.parent_id
       WHERE i.job_id = ? AND i.outcome = 'created' AND (p.user_id IS NULL OR p.user_id <> i.user_id)`,
      [jobId],
    );
    expect(mismatches).toBe(0);
  });

  test("one invitation per created user", async () => {
    const created = await scalar(
      secondHandle,
      "SELECT count(*) FROM bulk_job_items WHERE job_id = ? AND outcome = 'created'",
      [jobId],
    );
    const invitations = await scalar(
      secondHandle,
      "SELECT count(*) FROM email_outbox WHERE template = 'invitation'",
    );
    const usersWithOneInvitation = await scalar(
      secondHandle,
      `SELECT count(*) FROM bulk_job_items i
       WHERE i.job_id = ? AND i.outcome = 'created'
         AND (SELECT count(*) FROM email_outbox o WHERE o.user_id = i.user_id AND o.template = 'invitation') = 1`,
      [jobId],
    );
    expect(invitations).toBe(created);
    expect(usersWithOneInvitation).toBe(created);
  });

  test("created users have the right child_ids", async () => {
    const createdUserIds = (
      await secondHandle
        .select({ userId: bulkJobItems.userId })
        .from(bulkJobItems)
        .where(sql`${bulkJobItems.jobId} = ${jobId} AND ${bulkJobItems.outcome} = 'created'`)
    ).map((row) => row.userId!);
    const wrong: number[] = [];
    for (const userId of createdUserIds) {
      const stored = await storedChildIds(secondHandle, userId);
      const expected = await expectedChildIds(secondHandle, userId);
      if (stored.length !== 1 || stored.join() !== expected.join()) wrong.push(userId);
    }
    expect(wrong).toEqual([]);
  });

  test("login-exists detail names the account", async () => {
    const staffParent = school.parents[1];
    const { items } = await getJobItems({ jobId, outcome: "skipped_login_exists" }, secondHandle);
    const item = items.find((row) => row.parentId === staffParent.parentId);
    expect(item?.detail).toBe(
      "Staff 1 (bulk.staff1@example.com) already uses this login: staff account.",
    );
  });

  test("shared parent login suggests sharing", async () => {
    const otherParentCase = school.parents[2];
    const { items } = await getJobItems({ jobId, outcome: "skipped_login_exists" }, secondHandle);
    const item = items.find((row) => row.parentId === otherParentCase.parentId);
    expect(item?.detail).toBe(
      "Other Parent 2 (bulk.shared2@example.com) already uses this login: parent account. Open the parent to share that account.",
    );
  });

  test("invalid email detail gives the reason", async () => {
    const { items } = await getJobItems({ jobId, outcome: "invalid_email" }, secondHandle);
    expect(items[0].detail).toMatch(/must not contain spaces/);
  });

  test("start is audited with the manager", async () => {
    const [event] = await secondHandle
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "bulk.started"));
    expect(event.actorName).toBe("Mona Manager");
    expect(event.summary).toBe("Started Create Parent Users for 1000 parents");
  });
});

describe("bulk job workers", () => {
  let testDb: TestDatabase;
  let otherHandle: Database;
  let managerId: number;
  let parentIds: number[];

  beforeEach(async () => {
    testDb = await createTestDatabase();
    otherHandle = openDatabase(testDb.url);
    managerId = await insertManager(testDb.db, "mona@example.com", "Mona Manager");
    parentIds = [];
    for (let i = 0; i < 60; i++) {
      parentIds.push(await insertParent(testDb.db, { name: `Race Parent ${i}`, email: `race${i}@example.com` }));
    }
  });

  afterEach(async () => {
    otherHandle.$client.close();
    await testDb.cleanup();
  });

  test("second worker is not let in", async () => {
    const jobId = await startJob(testDb.db, parentIds, managerId);
    const results = await raceWorkers(testDb.url, jobId, MINUTE, 10);
    expect(results.sort()).toEqual(["done", "not_claimed"]);
  });

  test("racing workers process each item once", async () => {
    const jobId = await startJob(testDb.db, parentIds, managerId);
    // A zero lease lets both workers claim the job and work on it together.
    const results = await raceWorkers(testDb.url, jobId, 0, 5);
    await resumeBulkJobs(testDb.db);
    const created = await scalar(
      testDb.db,
      "SELECT count(*) FROM bulk_job_items WHERE job_id = ? AND outcome = 'created'",
      [jobId],
    );
    const parentUsers = await scalar(testDb.db, "SELECT count(*) FROM users WHERE is_parent = 1");
    const invitations = await scalar(
      testDb.db,
      "SELECT count(*) FROM email_outbox WHERE template = 'invitation'",
    );
    expect(results).toContain("done");
    expect(created).toBe(60);
    expect(parentUsers).toBe(60);
    expect(invitations).toBe(60);
  });

  test("expired lease resumes a dead job", async () => {
    const jobId = await startJob(testDb.db, parentIds, managerId);
    await runBulkJob(testDb.db, jobId, { batchSize: 10, maxBatches: 1 });

    const whileLeased = await resumeBulkJobs(otherHandle);
    const statusWhileLeased = (await getJobRow(otherHandle, jobId)).status;
    const later = new Date(Date.now() + 2 * MINUTE);
    const afterExpiry = await resumeBulkJobs(otherHandle, { now: () => later });
    const job = await getJobRow(otherHandle, jobId);

    expect(whileLeased).toBe(0);
    expect(statusWhileLeased).toBe("running");
    expect(afterExpiry).toBe(1);
    expect(job.status).toBe("done");
    expect(job.processed).toBe(60);
  });

  test("running job lets timers fire", async () => {
    const jobId = await startJob(testDb.db, parentIds, managerId);
    // An interval stands for other requests: it only runs when the job yields.
    let ticks = 0;
    const interval = setInterval(() => ticks++, 0);

    await runBulkJob(testDb.db, jobId, { batchSize: 10 });
    clearInterval(interval);

    expect(ticks).toBeGreaterThan(0);
  });

  test("done job is not run again", async () => {
    const jobId = await startJob(testDb.db, parentIds, managerId);
    await runBulkJob(testDb.db, jobId);
    expect(await runBulkJob(otherHandle, jobId)).toBe("not_claimed");
  });

  test("failing item is recorded and skipped", async () => {
    const jobId = await startJob(testDb.db, parentIds.slice(0, 3), managerId);
    // A trigger makes the second parent's user insert fail inside its transaction.
    await testDb.db.run(
      sql.raw(`CREATE TRIGGER fail_one BEFORE INSERT ON users WHEN NEW.login = 'race1@example.com'
               BEGIN SELECT RAISE(ABORT, 'test failure'); END`),
    );
    await runBulkJob(testDb.db, jobId);
    const { items } = await getJobItems({ jobId }, testDb.db);
    const leftover = await testDb.db.query.users.findFirst({
      where: eq(users.login, "race1@example.com"),
    });
    expect(items.map((item) => item.outcome)).toEqual(["created", "failed", "created"]);
    expect(leftover).toBeUndefined();
  });

  test("audit actor is the starting manager", async () => {
    const jobId = await startJob(testDb.db, parentIds.slice(0, 1), managerId);
    // Any event recorded during the run carries the actor the job set.
    let actorSeen = "";
    await runBulkJob(testDb.db, jobId, {
      onEmailsQueued: () => {
        actorSeen = currentAuditActor().name;
      },
    });
    expect(actorSeen).toBe("Mona Manager");
  });
});
