import { and, asc, count, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb, type Executor } from "@/db/client";
import {
  bulkJobItems,
  bulkJobs,
  contacts,
  parents,
  users,
  type BulkJobKind,
  type BulkJobStatus,
} from "@/db/schema";
import { isBulkOutcome, type BulkOutcome } from "./outcomes";

export type JobSummary = {
  id: number;
  kind: BulkJobKind;
  status: BulkJobStatus;
  total: number;
  processed: number;
  createdByName: string | null;
  createdAt: Date;
  finishedAt: Date | null;
};

export type JobProgress = { status: BulkJobStatus; processed: number; total: number };

const creator = alias(users, "creator");

const jobColumns = {
  id: bulkJobs.id,
  kind: bulkJobs.kind,
  status: bulkJobs.status,
  total: bulkJobs.total,
  processed: bulkJobs.processed,
  createdByName: creator.name,
  createdAt: bulkJobs.createdAt,
  finishedAt: bulkJobs.finishedAt,
};

/** Returns one bulk job with the name of the manager who started it, or null when not found. */
export async function getJobById(
  { id }: { id: number },
  db: Executor = getDb(),
): Promise<JobSummary | null> {
  const [row] = await db
    .select(jobColumns)
    .from(bulkJobs)
    .leftJoin(creator, eq(creator.id, bulkJobs.createdBy))
    .where(eq(bulkJobs.id, id));
  return row ?? null;
}

/** Returns a job's status and processed count, for the progress bar's polling. */
export async function getJobProgress(
  { id }: { id: number },
  db: Executor = getDb(),
): Promise<JobProgress | null> {
  const [row] = await db
    .select({ status: bulkJobs.status, processed: bulkJobs.processed, total: bulkJobs.total })
    .from(bulkJobs)
    .where(eq(bulkJobs.id, id));
  return row ?? null;
}

/** Returns the newest jobs first. */
export async function getRecentJobs(
  { limit = 50 }: { limit?: number } = {},
  db: Executor = getDb(),
): Promise<JobSummary[]> {
  return db
    .select(jobColumns)
    .from(bulkJobs)
    .leftJoin(creator, eq(creator.id, bulkJobs.createdBy))
    .orderBy(desc(bulkJobs.id))
    .limit(limit);
}

/** Returns how many of a job's done items had each outcome. */
export async function getOutcomeCounts(
  { jobId }: { jobId: number },
  db: Executor = getDb(),
): Promise<Map<BulkOutcome, number>> {
  const rows = await db
    .select({ outcome: bulkJobItems.outcome, count: count() })
    .from(bulkJobItems)
    .where(and(eq(bulkJobItems.jobId, jobId), eq(bulkJobItems.status, "done")))
    .groupBy(bulkJobItems.outcome);
  const counts = new Map<BulkOutcome, number>();
  for (const row of rows) {
    if (isBulkOutcome(row.outcome)) counts.set(row.outcome, row.count);
  }
  return counts;
}

export type JobItemRow = {
  position: number;
  parentId: number;
  parentName: string | null;
  outcome: BulkOutcome | null;
  detail: string | null;
  userId: number | null;
  userLogin: string | null;
};

export type JobItemPage = { items: JobItemRow[]; total: number; page: number; pageCount: number };

/**
 * Returns one page of a job's done items in position order, optionally only
 * those with `outcome`, in two queries. A page past the end returns the last page.
 */
export async function getJobItems(
  {
    jobId,
    outcome,
    page = 1,
    pageSize = 50,
  }: { jobId: number; outcome?: BulkOutcome; page?: number; pageSize?: number },
  db: Executor = getDb(),
): Promise<JobItemPage> {
  const where = and(
    eq(bulkJobItems.jobId, jobId),
    eq(bulkJobItems.status, "done"),
    outcome ? eq(bulkJobItems.outcome, outcome) : undefined,
  );
  const [{ total }] = await db.select({ total: count() }).from(bulkJobItems).where(where);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = await db
    .select({
      position: bulkJobItems.position,
      parentId: bulkJobItems.parentId,
      parentName: contacts.name,
      outcome: bulkJobItems.outcome,
      detail: bulkJobItems.detail,
      userId: bulkJobItems.userId,
      userLogin: users.login,
    })
    .from(bulkJobItems)
    .leftJoin(parents, eq(parents.id, bulkJobItems.parentId))
    .leftJoin(contacts, eq(contacts.id, parents.contactId))
    .leftJoin(users, eq(users.id, bulkJobItems.userId))
    .where(where)
    .orderBy(asc(bulkJobItems.position))
    .limit(pageSize)
    .offset((current - 1) * pageSize);
  const items = rows.map((row) => ({
    ...row,
    outcome: isBulkOutcome(row.outcome) ? row.outcome : null,
  }));
  return { items, total, page: current, pageCount };
}
