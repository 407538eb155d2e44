import { and, eq, isNull } from "drizzle-orm";
import { writeTransaction, type Database } from "@/db/client";
import { csvImports } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { planImport, type ImportPlan, type RowPlan } from "./plan";
import { applyBatch, summaryOf, type AppliedOutcome, type AppliedRow } from "./write-rows";

export type { AppliedOutcome, AppliedRow };

/** Rows written per transaction, so other requests get the database between batches. */
export const IMPORT_BATCH_SIZE = 200;

/** The outcome of an import, stored in csv_imports.result. */
export type ImportResult = {
  counts: Record<AppliedOutcome, number>;
  rows: AppliedRow[];
};

export type ApplyImportResult =
  | { status: "imported"; result: ImportResult }
  | { status: "not_found" }
  | { status: "already_imported" }
  | { status: "invalid_file"; message: string }
  | { status: "stale"; plan: ImportPlan };

/**
 * Imports the valid rows of an uploaded file. The file is checked again
 * against the current data first. When the outcome differs from the dry run
 * the manager confirmed (`fingerprint`), nothing is written and the caller
 * shows the new dry run. Rows are written in batches, each in one
 * transaction, so a row is written whole or not at all. Portal users are
 * never created and no email is sent.
 */
export async function applyImport(
  db: Database,
  { importId, fingerprint }: { importId: number; fingerprint: string },
  now = new Date(),
): Promise<ApplyImportResult> {
  const file = await db.query.csvImports.findFirst({ where: eq(csvImports.id, importId) });
  if (!file) return { status: "not_found" };
  if (file.importedAt) return { status: "already_imported" };

  const plan = await planImport(db, file.kind, file.content);
  if (!plan.ok) return { status: "invalid_file", message: plan.message };
  if (plan.fingerprint !== fingerprint) return { status: "stale", plan };

  const claimed = await writeTransaction(db, (tx) =>
    tx
      .update(csvImports)
      .set({ importedAt: now })
      .where(and(eq(csvImports.id, importId), isNull(csvImports.importedAt)))
      .returning({ id: csvImports.id }),
  );
  if (claimed.length === 0) return { status: "already_imported" };

  const applied = new Map<RowPlan, AppliedRow>();
  const toWrite = plan.rows.filter((row) => row.outcome === "create" || row.outcome === "update");
  for (let start = 0; start < toWrite.length; start += IMPORT_BATCH_SIZE) {
    const batch = toWrite.slice(start, start + IMPORT_BATCH_SIZE);
    try {
      const outcomes = await writeTransaction(db, (tx) =>
        applyBatch(tx, file.kind, file.fileName, batch),
      );
      batch.forEach((row, index) => applied.set(row, outcomes[index]));
    } catch (error) {
      console.error(`import ${importId}: batch starting at line ${batch[0].line} failed`, error);
      for (const row of batch) {
        applied.set(row, {
          ...summaryOf(row),
          outcome: "error",
          changes: [],
          errors: [
            {
              line: row.line,
              column: "",
              message:
                "This row could not be saved and nothing of it was written. Upload the file again to retry.",
            },
          ],
        });
      }
    }
  }

  const rows = plan.rows.map(
    (row) =>
      applied.get(row) ?? {
        ...summaryOf(row),
        outcome: toAppliedOutcome(row.outcome),
        changes: row.changes,
        errors: row.errors,
      },
  );
  const result: ImportResult = { counts: countApplied(rows), rows };
  await writeTransaction(db, async (tx) => {
    await tx.update(csvImports).set({ result }).where(eq(csvImports.id, importId));
    await recordAudit(tx, [
      {
        action: "import.applied",
        summary: `Imported ${file.kind} file ${file.fileName}: ${describeCounts(result.counts)}.`,
        after: { importId, kind: file.kind, counts: result.counts },
      },
    ]);
  });
  return { status: "imported", result };
}

function toAppliedOutcome(outcome: RowPlan["outcome"]): AppliedOutcome {
  if (outcome === "create") return "created";
  if (outcome === "update") return "updated";
  return outcome;
}

function countApplied(rows: AppliedRow[]): ImportResult["counts"] {
  const counts = { created: 0, updated: 0, unchanged: 0, error: 0 };
  for (const row of rows) counts[row.outcome] += 1;
  return counts;
}

/** "2 created, 1 updated, 4 unchanged, 1 with errors". */
export function describeCounts(counts: ImportResult["counts"]): string {
  return `${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.error} with errors`;
}
