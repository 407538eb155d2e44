import { asc, eq, inArray } from "drizzle-orm";
import { writeTransaction, type Database, type Transaction } from "@/db/client";
import { bulkJobItems, bulkJobs, contacts, parents, type BulkJobKind } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { matchesSearch } from "@/lib/parents/queries";
import { jobKindLabels } from "./outcomes";

/**
 * The parents a job acts on: chosen ids, or every parent that the parent
 * list's search matches, resolved when the job starts. The ids go into one
 * SQL IN list, so pass at most a few thousand and use the filter for more.
 */
export type ParentSelection = { parentIds: number[] } | { filter: { search: string } };

export type StartJobResult = { status: "started"; jobId: number; total: number } | { status: "empty" };

// Four values per item row stay far below SQLite's default limit of 32,766
// bound parameters per statement (SQLITE_MAX_VARIABLE_NUMBER since 3.32.0).
const ITEM_INSERT_CHUNK = 1000;

/** Returns the selected parents' ids that exist, sorted by name as the parent list is. */
async function resolveParentIds(tx: Transaction, selection: ParentSelection): Promise<number[]> {
  const query = tx
    .select({
      id: parents.id,
      name: contacts.name,
      ownEmail: parents.email,
      contactEmail: contacts.email,
    })
    .from(parents)
    .innerJoin(contacts, eq(contacts.id, parents.contactId))
    .orderBy(asc(contacts.name), asc(parents.id));
  if ("parentIds" in selection) {
    const ids = [...new Set(selection.parentIds)];
    if (ids.length === 0) return [];
    const rows = await query.where(inArray(parents.id, ids));
    return rows.map((row) => row.id);
  }
  const search = selection.filter.search;
  const rows = await query;
  return rows
    .filter((row) => !search || matchesSearch(search, [row.name, row.ownEmail, row.contactEmail]))
    .map((row) => row.id);
}

/**
 * Creates a bulk job with one pending item per selected parent, in one
 * transaction, and records `bulk.started` with the current audit actor.
 * Nothing is processed here: call kickBulkJob or let the worker take it up.
 */
export async function startBulkJob(
  db: Database,
  input: { kind: BulkJobKind; selection: ParentSelection; createdBy: number | null },
  now = new Date(),
): Promise<StartJobResult> {
  return writeTransaction(db, async (tx) => {
    const parentIds = await resolveParentIds(tx, input.selection);
    if (parentIds.length === 0) return { status: "empty" } as const;

    const [job] = await tx
      .insert(bulkJobs)
      .values({
        kind: input.kind,
        createdBy: input.createdBy,
        total: parentIds.length,
        createdAt: now,
      })
      .returning({ id: bulkJobs.id });
    for (let start = 0; start < parentIds.length; start += ITEM_INSERT_CHUNK) {
      const chunk = parentIds.slice(start, start + ITEM_INSERT_CHUNK);
      await tx.insert(bulkJobItems).values(
        chunk.map((parentId, index) => ({
          jobId: job.id,
          position: start + index + 1,
          parentId,
        })),
      );
    }
    const noun = parentIds.length === 1 ? "parent" : "parents";
    await recordAudit(tx, [
      {
        action: "bulk.started",
        summary: `Started ${jobKindLabels[input.kind]} for ${parentIds.length} ${noun}`,
        after: { jobId: job.id, kind: input.kind, total: parentIds.length },
      },
    ]);
    return { status: "started", jobId: job.id, total: parentIds.length } as const;
  });
}

/** Starts a Create Parent Users job. */
export function startCreateParentUsersJob(
  db: Database,
  input: { selection: ParentSelection; createdBy: number | null },
  now = new Date(),
): Promise<StartJobResult> {
  return startBulkJob(db, { kind: "create_parent_users", ...input }, now);
}

/**
 * Starts a job that sends a fresh invitation to each selected parent whose
 * portal user has not set a password yet. Each new link voids the older ones.
 */
export function startReinviteJob(
  db: Database,
  input: { selection: ParentSelection; createdBy: number | null },
  now = new Date(),
): Promise<StartJobResult> {
  return startBulkJob(db, { kind: "reinvite_parents", ...input }, now);
}
