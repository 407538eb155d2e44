import { desc, eq, sql } from "drizzle-orm";
import { getDb, writeTransaction, type Database, type Executor } from "@/db/client";
import { csvImports, users, type CsvImportKind } from "@/db/schema";
import type { ImportResult } from "./apply";
import { planImport, type ImportPlan } from "./plan";

/** Stores an uploaded file for its dry run and returns its id. */
export async function saveUploadedFile(
  db: Database,
  file: { kind: CsvImportKind; fileName: string; content: string; createdBy: number },
): Promise<number> {
  const [row] = await writeTransaction(db, (tx) =>
    tx.insert(csvImports).values(file).returning({ id: csvImports.id }),
  );
  return row.id;
}

export type UploadedFile = {
  id: number;
  kind: CsvImportKind;
  fileName: string;
  content: string;
  createdAt: Date;
  importedAt: Date | null;
  result: ImportResult | null;
};

/** Returns one uploaded file with its import result, or null when not found. */
export async function getUploadedFile(
  { id }: { id: number },
  db: Executor = getDb(),
): Promise<UploadedFile | null> {
  const row = await db.query.csvImports.findFirst({ where: eq(csvImports.id, id) });
  if (!row) return null;
  return { ...row, result: (row.result as ImportResult | null) ?? null };
}

export type RecentImport = {
  id: number;
  kind: CsvImportKind;
  fileName: string;
  createdAt: Date;
  importedAt: Date | null;
  uploadedBy: string | null;
  counts: ImportResult["counts"] | null;
};

/** Returns the latest uploaded files, newest first, with who uploaded them. */
export async function getRecentImports(
  { limit = 10 }: { limit?: number } = {},
  db: Executor = getDb(),
): Promise<RecentImport[]> {
  const rows = await db
    .select({
      id: csvImports.id,
      kind: csvImports.kind,
      fileName: csvImports.fileName,
      createdAt: csvImports.createdAt,
      importedAt: csvImports.importedAt,
      uploadedBy: users.name,
      // Only the counts: the stored result also lists every row.
      counts: sql<string | null>`json_extract(${csvImports.result}, '$.counts')`,
    })
    .from(csvImports)
    .leftJoin(users, eq(users.id, csvImports.createdBy))
    .orderBy(desc(csvImports.id))
    .limit(limit);
  return rows.map(({ counts, ...row }) => ({
    ...row,
    counts: counts === null ? null : (JSON.parse(counts) as ImportResult["counts"]),
  }));
}

/** Runs the dry run of an uploaded file against the current records. */
export function getDryRun(
  file: Pick<UploadedFile, "kind" | "content">,
  db: Executor = getDb(),
): Promise<ImportPlan> {
  return planImport(db, file.kind, file.content);
}
