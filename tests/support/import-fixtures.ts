import { readFileSync } from "node:fs";
import path from "node:path";
import type { Database } from "@/db/client";
import type { CsvImportKind } from "@/db/schema";
import { applyImport, type ApplyImportResult } from "@/lib/import/apply";
import { planImport, type ImportPlan } from "@/lib/import/plan";
import { saveUploadedFile } from "@/lib/import/queries";
import { withAuditActor } from "@/lib/audit/record";
import { insertManager } from "./test-db";

/** Reads a CSV file from tests/fixtures. */
export function readFixture(name: string): string {
  return readFileSync(path.join(__dirname, "..", "fixtures", name), "utf8");
}

/** Runs the dry run and fails the test when the file itself is rejected. */
export async function planOk(db: Database, kind: CsvImportKind, content: string) {
  const plan = await planImport(db, kind, content);
  if (!plan.ok) throw new Error(`planImport rejected the file: ${plan.message}`);
  return plan;
}

/** Returns the plan row whose main line is `line`. */
export function rowAt(plan: Extract<ImportPlan, { ok: true }>, line: number) {
  const row = plan.rows.find((candidate) => candidate.line === line);
  if (!row) throw new Error(`No row on line ${line}`);
  return row;
}

let managerCount = 0;

/**
 * Stores `content` as an uploaded file, runs its dry run and imports it
 * with a test manager as the audit actor, as the Import button does.
 */
export async function uploadAndImport(
  db: Database,
  kind: CsvImportKind,
  content: string,
  fileName = `${kind}.csv`,
): Promise<Extract<ApplyImportResult, { status: "imported" }>> {
  managerCount += 1;
  const managerId = await insertManager(
    db,
    `import.manager${managerCount}@example.com`,
    "Import Manager",
  );
  const importId = await saveUploadedFile(db, { kind, fileName, content, createdBy: managerId });
  const plan = await planOk(db, kind, content);
  const result = await withAuditActor({ userId: managerId, name: "Import Manager" }, () =>
    applyImport(db, { importId, fingerprint: plan.fingerprint }),
  );
  if (result.status !== "imported") throw new Error(`applyImport returned ${result.status}`);
  return result;
}

/** Joins CSV lines with CRLF, as spreadsheet programs write them. */
export function csv(...lines: string[]): string {
  return `${lines.join("\r\n")}\r\n`;
}
