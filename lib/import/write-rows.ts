import { and, eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { contacts, parentStudents, parents, students, type CsvImportKind } from "@/db/schema";
import { syncChildIds } from "@/lib/access/child-sync";
import { recordAudit, type AuditEventInput } from "@/lib/audit/record";
import { diffLinks, studentLabel, type FieldChange, type RowPlan } from "./plan";
import { loadExistingRecords, type ExistingRecords } from "./records";
import type { ParentValues, RowError, StudentValues } from "./validate-rows";

// Writes one batch of checked import rows inside a transaction.

export type AppliedOutcome = "created" | "updated" | "unchanged" | "error";

export type AppliedRow = {
  line: number;
  externalId: string;
  name: string;
  outcome: AppliedOutcome;
  changes: FieldChange[];
  errors: RowError[];
};

export function summaryOf(row: RowPlan) {
  return { line: row.line, externalId: row.externalId, name: row.name };
}

/**
 * Writes one batch inside `tx`. The records are read again in the
 * transaction, so a row changed since the dry run is compared with what is
 * stored now, and a row whose student has gone is reported instead of written.
 */
export async function applyBatch(
  tx: Transaction,
  kind: CsvImportKind,
  fileName: string,
  batch: RowPlan[],
): Promise<AppliedRow[]> {
  const values = batch.map((row) => row.values!);
  const existing = await loadExistingRecords(tx, {
    studentExternalIds:
      kind === "students"
        ? values.map((value) => value.externalId)
        : (values as ParentValues[]).flatMap((value) =>
            value.students.map((student) => student.externalId),
          ),
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
      outcomes.push(
        await writeParent(tx, row, row.values as ParentValues, existing, {
          audit,
          affectedUsers,
          fileName,
        }),
      );
    }
  }
  await syncChildIds(tx, affectedUsers);
  await recordAudit(tx, audit);
  return outcomes;
}

async function writeStudent(
  tx: Transaction,
  row: RowPlan,
  values: StudentValues,
  existing: ExistingRecords,
): Promise<AppliedRow> {
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

type ParentWriteContext = {
  audit: AuditEventInput[];
  affectedUsers: (number | null)[];
  fileName: string;
};

async function writeParent(
  tx: Transaction,
  row: RowPlan,
  values: ParentValues,
  existing: ExistingRecords,
  context: ParentWriteContext,
): Promise<AppliedRow> {
  const missing = values.students.filter(
    (student) => !existing.studentsByExternalId.has(student.externalId),
  );
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
      .values({
        contactId: contact.id,
        email: values.email,
        externalId: values.externalId,
        active: true,
      })
      .returning({ id: parents.id });
    current = {
      id: parent.id,
      contactId: contact.id,
      externalId: values.externalId,
      name: values.name,
      email: values.email,
      phone: values.phone ?? null,
      userId: null,
      links: [],
    };
    created = true;
  }

  let changed = false;
  const phone = values.phone === undefined ? current.phone : values.phone;
  if (current.name !== values.name || current.phone !== phone) {
    await tx
      .update(contacts)
      .set({ name: values.name, phone })
      .where(eq(contacts.id, current.contactId));
    changed = true;
  }
  if (current.email !== values.email) {
    await tx.update(parents).set({ email: values.email }).where(eq(parents.id, current.id));
    changed = true;
  }
  const linksChanged = await writeLinks(tx, current, values, existing, context);
  const outcome: AppliedOutcome = created
    ? "created"
    : changed || linksChanged
      ? "updated"
      : "unchanged";
  return {
    ...summaryOf(row),
    outcome,
    changes: outcome === "updated" ? row.changes : [],
    errors: [],
  };
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
    await tx
      .insert(parentStudents)
      .values(diff.added.map((link) => ({ ...link, parentId: parent.id })));
  }
  for (const link of diff.removed) {
    await tx
      .delete(parentStudents)
      .where(
        and(eq(parentStudents.parentId, parent.id), eq(parentStudents.studentId, link.studentId)),
      );
  }
  for (const link of diff.changed) {
    await tx
      .update(parentStudents)
      .set({ relationship: link.to })
      .where(
        and(eq(parentStudents.parentId, parent.id), eq(parentStudents.studentId, link.studentId)),
      );
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
