import { and, asc, eq, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import { writeTransaction, type Database } from "@/db/client";
import { bulkJobItems, bulkJobs, users } from "@/db/schema";
import { SYSTEM_ACTOR, withAuditActor, type AuditActor } from "@/lib/audit/record";
import { itemHandlers, type ItemResult } from "./item-handlers";

export const DEFAULT_BATCH_SIZE = 50;
export const DEFAULT_LEASE_MS = 60_000;

export type RunJobOptions = {
  /** Items per batch: the processed count and the lease are updated after each batch. */
  batchSize?: number;
  /** How long a claim lasts without renewal; a job whose lease has passed is taken up again. */
  leaseMs?: number;
  /** Stops after this many batches and leaves the lease as it is, as a crashed server would. */
  maxBatches?: number;
  /** The clock, replaceable so tests can move past a lease. */
  now?: () => Date;
  /** Receives the invitation emails queued by each batch, once the batch has committed. */
  onEmailsQueued?: (outboxIds: number[]) => void;
};

export type RunJobResult = "done" | "not_claimed" | "lease_lost" | "stopped";

type Job = typeof bulkJobs.$inferSelect;
type PendingItem = { position: number; parentId: number };

/**
 * Claims a job that is not done and whose lease is free or has passed. The
 * new lease time doubles as the claim's fencing token: a worker renews its
 * lease only while locked_until still holds the value that it wrote.
 */
async function claimJob(db: Database, jobId: number, now: Date, leaseMs: number) {
  const lease = new Date(now.getTime() + leaseMs);
  const [job] = await writeTransaction(db, (tx) =>
    tx
      .update(bulkJobs)
      .set({
        status: "running",
        lockedUntil: lease,
        startedAt: sql`coalesce(${bulkJobs.startedAt}, ${now.getTime()})`,
      })
      .where(
        and(
          eq(bulkJobs.id, jobId),
          ne(bulkJobs.status, "done"),
          or(isNull(bulkJobs.lockedUntil), lte(bulkJobs.lockedUntil, now)),
        ),
      )
      .returning(),
  );
  return job ? { job, lease } : null;
}

const doneCount = sql<number>`(
  SELECT count(*) FROM ${bulkJobItems}
  WHERE ${bulkJobItems.jobId} = ${bulkJobs.id} AND ${bulkJobItems.status} = 'done'
)`;

/**
 * Stores the processed count and extends the lease. Returns the new lease, or
 * null when another worker has taken the job over.
 */
async function renewLease(db: Database, jobId: number, lease: Date, now: Date, leaseMs: number) {
  const next = new Date(Math.max(now.getTime() + leaseMs, lease.getTime() + 1));
  const rows = await writeTransaction(db, (tx) =>
    tx
      .update(bulkJobs)
      .set({ processed: doneCount, lockedUntil: next })
      .where(and(eq(bulkJobs.id, jobId), eq(bulkJobs.lockedUntil, lease)))
      .returning({ id: bulkJobs.id }),
  );
  return rows.length > 0 ? next : null;
}

async function finishJob(db: Database, jobId: number, lease: Date, now: Date): Promise<boolean> {
  const rows = await writeTransaction(db, (tx) =>
    tx
      .update(bulkJobs)
      .set({ status: "done", processed: doneCount, lockedUntil: null, finishedAt: now })
      .where(and(eq(bulkJobs.id, jobId), eq(bulkJobs.lockedUntil, lease)))
      .returning({ id: bulkJobs.id }),
  );
  return rows.length > 0;
}

/**
 * Processes one item in a single write transaction: the work for the parent
 * and the item's outcome commit together, so after a crash an item is either
 * fully done or still pending. An item that another worker finished first is
 * left alone. Returns null in that case.
 */
async function processItem(
  db: Database,
  job: Job,
  item: PendingItem,
  now: Date,
): Promise<ItemResult | null> {
  const itemKey = and(
    eq(bulkJobItems.jobId, job.id),
    eq(bulkJobItems.position, item.position),
    eq(bulkJobItems.status, "pending"),
  );
  return writeTransaction(db, async (tx) => {
    const [pending] = await tx
      .select({ position: bulkJobItems.position })
      .from(bulkJobItems)
      .where(itemKey);
    if (!pending) return null;
    const result = await itemHandlers[job.kind](tx, item.parentId, now);
    await tx
      .update(bulkJobItems)
      .set({ status: "done", outcome: result.outcome, detail: result.detail, userId: result.userId })
      .where(itemKey);
    return result;
  });
}

/** Marks an item whose transaction failed as done with outcome "failed", so the job can finish. */
async function markItemFailed(db: Database, jobId: number, item: PendingItem, error: unknown) {
  console.error(`bulk job ${jobId}: item ${item.position} (parent ${item.parentId}) failed`, error);
  await writeTransaction(db, (tx) =>
    tx
      .update(bulkJobItems)
      .set({
        status: "done",
        outcome: "failed",
        detail: "An unexpected error stopped this parent. Nothing was saved for it; start a new job to retry.",
      })
      .where(
        and(
          eq(bulkJobItems.jobId, jobId),
          eq(bulkJobItems.position, item.position),
          eq(bulkJobItems.status, "pending"),
        ),
      ),
  );
}

async function getActor(db: Database, createdBy: number | null): Promise<AuditActor> {
  if (createdBy === null) return SYSTEM_ACTOR;
  const user = await db.query.users.findFirst({
    where: eq(users.id, createdBy),
    columns: { id: true, name: true },
  });
  return user ? { userId: user.id, name: user.name } : SYSTEM_ACTOR;
}

async function processBatches(
  db: Database,
  job: Job,
  firstLease: Date,
  options: Required<Omit<RunJobOptions, "maxBatches" | "onEmailsQueued">> &
    Pick<RunJobOptions, "maxBatches" | "onEmailsQueued">,
): Promise<RunJobResult> {
  let lease = firstLease;
  for (let batch = 1; ; batch++) {
    const items = await db
      .select({ position: bulkJobItems.position, parentId: bulkJobItems.parentId })
      .from(bulkJobItems)
      .where(and(eq(bulkJobItems.jobId, job.id), eq(bulkJobItems.status, "pending")))
      .orderBy(asc(bulkJobItems.position))
      .limit(options.batchSize);
    if (items.length === 0) {
      return (await finishJob(db, job.id, lease, options.now())) ? "done" : "lease_lost";
    }

    const outboxIds: number[] = [];
    for (const item of items) {
      try {
        const result = await processItem(db, job, item, options.now());
        if (result?.outboxId !== undefined) outboxIds.push(result.outboxId);
      } catch (error) {
        await markItemFailed(db, job.id, item, error);
      }
      // The embedded driver settles its promises without waiting for I/O, so
      // without this turn of the event loop a long job would hold up every
      // request to the server until it finished.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (outboxIds.length > 0) options.onEmailsQueued?.(outboxIds);

    if (options.maxBatches !== undefined && batch >= options.maxBatches) return "stopped";
    const renewed = await renewLease(db, job.id, lease, options.now(), options.leaseMs);
    if (!renewed) return "lease_lost";
    lease = renewed;
  }
}

/**
 * Claims a bulk job and processes its pending items in position order, in
 * batches, as the manager who started it (the author of its audit events).
 * Returns "not_claimed" when the job is done or another worker's lease on it
 * is still valid, and "lease_lost" when another worker took the job over.
 */
export async function runBulkJob(
  db: Database,
  jobId: number,
  options: RunJobOptions = {},
): Promise<RunJobResult> {
  const settings = {
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    now: options.now ?? (() => new Date()),
    maxBatches: options.maxBatches,
    onEmailsQueued: options.onEmailsQueued,
  };
  const claim = await claimJob(db, jobId, settings.now(), settings.leaseMs);
  if (!claim) return "not_claimed";
  const actor = await getActor(db, claim.job.createdBy);
  return withAuditActor(actor, () => processBatches(db, claim.job, claim.lease, settings));
}

/** Returns the ids of jobs that are not done and that no live lease holds, oldest first. */
export async function getResumableJobIds(db: Database, now = new Date()): Promise<number[]> {
  const rows = await db
    .select({ id: bulkJobs.id })
    .from(bulkJobs)
    .where(
      and(
        inArray(bulkJobs.status, ["queued", "running"]),
        or(isNull(bulkJobs.lockedUntil), lte(bulkJobs.lockedUntil, now)),
      ),
    )
    .orderBy(asc(bulkJobs.id));
  return rows.map((row) => row.id);
}

/**
 * Runs every job that a stopped server left unfinished, one after another.
 * Returns the number of jobs this call finished.
 */
export async function resumeBulkJobs(db: Database, options: RunJobOptions = {}): Promise<number> {
  const now = options.now ?? (() => new Date());
  let finished = 0;
  for (const jobId of await getResumableJobIds(db, now())) {
    if ((await runBulkJob(db, jobId, options)) === "done") finished++;
  }
  return finished;
}
