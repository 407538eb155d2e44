import { and, eq, isNull } from "drizzle-orm";
import { writeTransaction, type Database, type Transaction } from "@/db/client";
import { contacts, csvImports, parentStudents, parents, students, type CsvImportKind } from "@/db/schema";
import { syncChildIds } from "@/lib/access/child-sync";
import { recordAudit, type AuditEventInput } from "@/lib/audit/record";
import { diffLinks, planImport, studentLabel, type FieldChange, type ImportPlan, type RowPlan } from "./plan";
import { loadExistingRecords, type ExistingRecords } from "./records";
import type { ParentValues, RowError, StudentValues } from "./validate-rows";

/** Rows written per transaction, so other requests get the database between batches. */
export const IMPORT_BATCH_SIZE = 200;

export type AppliedOutcome = "created" | "updated" | "unchanged" | "error";

export type AppliedRow = {
  line: number;
  externalId: string;
  name: string;
  outcome: AppliedOutcome;
  changes: FieldChange[];
  errors: RowError[];
};

/** What csv_imports.result stores once a file is imported. */
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
 * against the current data first; when the outcome differs from the dry run
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
      const outcomes = await writeTransaction(db, (tx) => applyBatch(tx, file.kind, file.fileName, batch));
      batch.forEach((row, index) => applied.set(row, outcomes[index]));
    } catch (error) {
      console.error(`import ${importId}: batch at row ${batch[0].line} failed`, error);
      for (const row of batch) {
        applied.set(row, {
          ...summaryOf(row),
          outcome: "error",
          changes: [],
          errors: [{ line: row.line, column: "", message: "This row could not be saved and nothing of it was written. Upload the file again to retry." }],
        });
      }
    }
  }

  const rows = plan.rows.map(
    (row) => applied.get(row) ?? { ...summaryOf(row), outcome: toAppliedOutcome(row.outcome), changes: row.changes, errors: row.errors },
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

function summaryOf(row: RowPlan) {
  return { line: row.line, externalId: row.externalId, name: row.name };
}

function toAppliedOutcome(outcome: RowPlan["outcome"]): AppliedOutcome {
  return outcome === "create" ? "created" : outcome === "update" ? "updated" : outcome;
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

/**
 * Writes one batch inside `tx`. The records are read again in the
 * transaction, so a row changed since the dry run is compared with what is
 * stored now, and a row whose student has gone is reported instead of written.
 */
async function applyBatch(tx: Transaction, kind: CsvImportKind, fileName: string, batch: RowPlan[]): Promise<AppliedRow[]> {
  const values = batch.map((row) => row.values!);
  const existing = await loadExistingRecords(tx, {
    studentExternalIds:
      kind === "students"
        ? values.map((value) => value.externalId)
        : (values as ParentValues[]).flatMap((value) => value.students.map((student) => student.externalId)),
    parentExternalIds: kind === "parents" ? values.map((value) => value.externalId) : [],
    logins: [],
  });
  const audit: AuditEventInput[] = [];
  const affectedUsers: (number | null)[] = [];
  const outcomes: AppliedRow[] = [];
  for (const row of batch) {
    if (kind === "students") {
      outcomes.push(await writeStudent(tx, row, row.values as StudentValues, existing));
    } else {
      outcomes.push(await writeParent(tx, row, row.values as ParentValues, existing, { audit, affectedUsers, fileName }));
    }
  }
  await syncChildIds(tx, affectedUsers);
  await recordAudit(tx, audit);
  return outcomes;
}

async function writeStudent(tx: Transaction, row: RowPlan, values: StudentValues, existing: ExistingRecords): Promise<AppliedRow> {
  const current = existing.studentsByExternalId.get(values.externalId);
  const fields = {
    name: values.name,
    ...(values.email !== undefined ? { email: values.email } : {}),
    ...(values.birthDate !== undefined ? { birthDate: values.birthDate } : {}),
  };
  if (!current) {
    await tx.insert(students).values({ ...fields, externalId: values.externalId, active: true });
    return { ...summaryOf(row), outcome: "created", changes: [], errors: [] };
  }
  const changed =
    current.name !== fields.name ||
    (fields.email !== undefined && current.email !== fields.email) ||
    (fields.birthDate !== undefined && current.birthDate !== fields.birthDate);
  if (!changed) return { ...summaryOf(row), outcome: "unchanged", changes: [], errors: [] };
  await tx.update(students).set(fields).where(eq(students.id, current.id));
  return { ...summaryOf(row), outcome: "updated", changes: row.changes, errors: [] };
}

type ParentWriteContext = { audit: AuditEventInput[]; affectedUsers: (number | null)[]; fileName: string };

async function writeParent(
  tx: Transaction,
  row: RowPlan,
  values: ParentValues,
  existing: ExistingRecords,
  context: ParentWriteContext,
): Promise<AppliedRow> {
  const missing = values.students.filter((student) => !existing.studentsByExternalId.has(student.externalId));
  if (missing.length > 0) {
    return {
      ...summaryOf(row),
      outcome: "error",
      changes: [],
      errors: missing.map((student) => ({
        line: student.line,
        column: "",
        message: `Student "${student.externalId}" was removed after the dry run, so this row was not imported. Upload the file again.`,
      })),
    };
  }

  let current = existing.parentsByExternalId.get(values.externalId);
  let created = false;
  if (!current) {
    const [contact] = await tx
      .insert(contacts)
      .values({ name: values.name, phone: values.phone ?? null })
      .returning({ id: contacts.id });
    const [parent] = await tx
      .insert(parents)
      .values({ contactId: contact.id, email: values.email, externalId: values.externalId, active: true })
      .returning({ id: parents.id });
    current = { id: parent.id, contactId: contact.id, externalId: values.externalId, name: values.name, email: values.email, phone: values.phone ?? null, userId: null, links: [] };
    created = true;
  }

  let changed = false;
  const phone = values.phone === undefined ? current.phone : values.phone;
  if (current.name !== values.name || current.phone !== phone) {
    await tx.update(contacts).set({ name: values.name, phone }).where(eq(contacts.id, current.contactId));
    changed = true;
  }
  if (current.email !== values.email) {
    await tx.update(parents).set({ email: values.email }).where(eq(parents.id, current.id));
    changed = true;
  }
  const linksChanged = await writeLinks(tx, current, values, existing, context);
  const outcome: AppliedOutcome = created ? "created" : changed || linksChanged ? "updated" : "unchanged";
  return { ...summaryOf(row), outcome, changes: outcome === "updated" ? row.changes : [], errors: [] };
}

/** Applies a parent's link changes and records link.added, link.removed and link.changed events. */
async function writeLinks(
  tx: Transaction,
  parent: NonNullable<ReturnType<ExistingRecords["parentsByExternalId"]["get"]>>,
  values: ParentValues,
  existing: ExistingRecords,
  context: ParentWriteContext,
): Promise<boolean> {
  const diff = diffLinks(values, parent.links, existing);
  if (diff.added.length + diff.removed.length + diff.changed.length === 0) return false;
  const name = (studentId: number) => studentLabel(existing.studentsById.get(studentId), studentId);
  const subject = { parentId: parent.id, userId: parent.userId };
  const source = `(import of ${context.fileName})`;

  if (diff.added.length > 0) {
    await tx.insert(parentStudents).values(diff.added.map((link) => ({ ...link, parentId: parent.id })));
  }
  for (const link of diff.removed) {
    await tx
      .delete(parentStudents)
      .where(and(eq(parentStudents.parentId, parent.id), eq(parentStudents.studentId, link.studentId)));
  }
  for (const link of diff.changed) {
    await tx
      .update(parentStudents)
      .set({ relationship: link.to })
      .where(and(eq(parentStudents.parentId, parent.id), eq(parentStudents.studentId, link.studentId)));
  }

  for (const link of diff.added) {
    context.audit.push({
      ...subject,
      action: "link.added",
      studentId: link.studentId,
      summary: `Linked ${name(link.studentId)} to ${values.name} as ${link.relationship} ${source}.`,
      after: { relationship: link.relationship },
    });
  }
  for (const link of diff.removed) {
    context.audit.push({
      ...subject,
      action: "link.removed",
      studentId: link.studentId,
      summary: `Unlinked ${name(link.studentId)} from ${values.name} ${source}.`,
      before: { relationship: link.relationship },
    });
  }
  for (const link of diff.changed) {
    context.audit.push({
      ...subject,
      action: "link.changed",
      studentId: link.studentId,
      summary: `Changed ${values.name}'s relationship to ${name(link.studentId)} from ${link.from} to ${link.to} ${source}.`,
      before: { relationship: link.from },
      after: { relationship: link.to },
    });
  }
  context.affectedUsers.push(parent.userId);
  return true;
}
