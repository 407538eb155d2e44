import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { writeTransaction, type Database } from "@/db/client";
import { passwordTokens, users } from "@/db/schema";
import { withAuditActor } from "@/lib/audit/record";
import { runBulkJob } from "@/lib/jobs/process";
import { getJobItems } from "@/lib/jobs/queries";
import { startCreateParentUsersJob, startReinviteJob } from "@/lib/jobs/start";
import {
  countRows,
  createTestDatabase,
  createUserForParent,
  insertManager,
  insertParent,
  type TestDatabase,
} from "../support/test-db";

let testDb: TestDatabase;
let db: Database;
let managerId: number;

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  managerId = await insertManager(db, "mona@example.com", "Mona Manager");
});

afterEach(async () => {
  await testDb.cleanup();
});

function asManager<T>(work: () => Promise<T>): Promise<T> {
  return withAuditActor({ userId: managerId, name: "Mona Manager" }, work);
}

describe("startReinviteJob", () => {
  let invitedParent: number;
  let activeParent: number;
  let deactivatedParent: number;
  let noUserParent: number;
  let invitedUserId: number;

  beforeEach(async () => {
    invitedParent = await insertParent(db, { name: "A Invited", email: "a@example.com" });
    activeParent = await insertParent(db, { name: "B Active", email: "b@example.com" });
    deactivatedParent = await insertParent(db, { name: "C Deactivated", email: "c@example.com" });
    noUserParent = await insertParent(db, { name: "D No User", email: "d@example.com" });
    invitedUserId = await createUserForParent(db, invitedParent);
    const activeUserId = await createUserForParent(db, activeParent);
    const deactivatedUserId = await createUserForParent(db, deactivatedParent);
    await writeTransaction(db, async (tx) => {
      await tx.update(users).set({ passwordHash: "set" }).where(eq(users.id, activeUserId));
      await tx.update(users).set({ active: false }).where(eq(users.id, deactivatedUserId));
    });
  });

  async function runReinvite(): Promise<number> {
    const started = await asManager(() =>
      startReinviteJob(db, {
        selection: { parentIds: [invitedParent, activeParent, deactivatedParent, noUserParent] },
        createdBy: managerId,
      }),
    );
    if (started.status !== "started") throw new Error("the job did not start");
    await runBulkJob(db, started.jobId);
    return started.jobId;
  }

  test("outcomes per parent", async () => {
    const jobId = await runReinvite();
    const { items } = await getJobItems({ jobId }, db);
    expect(items.map((item) => [item.parentName, item.outcome])).toEqual([
      ["A Invited", "invited"],
      ["B Active", "skipped_already_active"],
      ["C Deactivated", "skipped_deactivated"],
      ["D No User", "skipped_no_user"],
    ]);
  });

  test("queues one new invitation", async () => {
    const before = await countRows(db, "email_outbox");
    await runReinvite();
    expect(await countRows(db, "email_outbox")).toBe(before + 1);
  });

  test("older link is voided", async () => {
    await runReinvite();
    const liveTokens = await db
      .select()
      .from(passwordTokens)
      .where(and(eq(passwordTokens.userId, invitedUserId), isNull(passwordTokens.voidedAt)));
    expect(liveTokens).toHaveLength(1);
  });
});

describe("starting a job", () => {
  test("filter resolves on the server", async () => {
    await insertParent(db, { name: "Zed Smith", email: "zed@example.com" });
    await insertParent(db, { name: "Amy Smith", email: "amy@example.com" });
    await insertParent(db, { name: "Other Person", email: "o@example.com" });
    const started = await asManager(() =>
      startCreateParentUsersJob(db, { selection: { filter: { search: "smith" } }, createdBy: managerId }),
    );
    if (started.status !== "started") throw new Error("the job did not start");
    const rows = await db.$client.execute({
      sql: `SELECT p.email FROM bulk_job_items i JOIN parents p ON p.id = i.parent_id
            WHERE i.job_id = ? ORDER BY i.position`,
      args: [started.jobId],
    });
    const emails = rows.rows.map((row) => row.email);
    expect(started.total).toBe(2);
    expect(emails).toEqual(["amy@example.com", "zed@example.com"]);
  });

  test("empty selection starts nothing", async () => {
    const started = await asManager(() =>
      startCreateParentUsersJob(db, { selection: { parentIds: [999] }, createdBy: managerId }),
    );
    expect(started.status).toBe("empty");
    expect(await countRows(db, "bulk_jobs")).toBe(0);
  });

  test("duplicate ids become one item", async () => {
    const parentId = await insertParent(db, { name: "Solo", email: "solo@example.com" });
    const started = await asManager(() =>
      startCreateParentUsersJob(db, { selection: { parentIds: [parentId, parentId] }, createdBy: managerId }),
    );
    expect(started.status).toBe("started");
    expect(started.status === "started" ? started.total : 0).toBe(1);
  });
});
