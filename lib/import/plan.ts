import { createHash } from "node:crypto";
import type { Executor } from "@/db/client";
import type { CsvImportKind, Relationship } from "@/db/schema";
import { parseCsv } from "./csv";
import {
  detectLayout,
  readRows,
  type ImportColumn,
  type ImportLayout,
  type ImportRow,
} from "./layouts";
import { loadExistingRecords, type ExistingRecords, type ExistingStudent } from "./records";
import {
  checkRows,
  type CheckedRow,
  type ColumnLabels,
  type ParentValues,
  type RowError,
  type StudentValues,
} from "./validate-rows";

export type RowOutcome = "create" | "update" | "unchanged" | "error";

/** One changed field of an existing record, as text for the dry-run table. */
export type FieldChange = { field: string; from: string; to: string };

export type RowPlan = {
  line: number;
  externalId: string;
  name: string;
  outcome: RowOutcome;
  changes: FieldChange[];
  errors: RowError[];
  /** The checked values to write; null for a row with errors. */
  values: StudentValues | ParentValues | null;
};

export type ImportCounts = Record<RowOutcome, number>;

export type ImportPlan =
  | { ok: false; message: string }
  | {
      ok: true;
      kind: CsvImportKind;
      layout: ImportLayout;
      rows: RowPlan[];
      counts: ImportCounts;
      /** A hash of every row's outcome, compared at import time to detect a stale dry run. */
      fingerprint: string;
    };

const LABEL_FALLBACKS: Record<ImportColumn, string> = {
  externalId: "external_id",
  name: "name",
  firstName: "First Name",
  middleName: "Middle Name",
  lastName: "Last Name",
  email: "email",
  phone: "phone",
  mobile: "Mobile",
  birthDate: "birth_date",
  relationship: "relationship",
  studentExternalIds: "student_external_ids",
};

export type ImportFile =
  | { ok: true; layout: ImportLayout; rows: ImportRow[]; labels: ColumnLabels }
  | { ok: false; message: string };

/**
 * Parses a file and recognises its layout, without looking at the database.
 * A file that is not UTF-8 text, not CSV, of the wrong kind or without data
 * rows fails with a message that names what to change.
 */
export function readImportFile(kind: CsvImportKind, content: string): ImportFile {
  if (content.includes("\uFFFD")) {
    return {
      ok: false,
      message: 'The file is not UTF-8 text: save it again as "CSV UTF-8" and upload that file.',
    };
  }
  const parsed = parseCsv(content);
  if (!parsed.ok) return parsed;
  const layout = detectLayout(kind, parsed.header);
  if (!layout.ok) return layout;

  const labels: ColumnLabels = {};
  for (const [column, index] of layout.columns)
    labels[column] = parsed.header[index] || LABEL_FALLBACKS[column];
  const rows = readRows(kind, layout.columns, parsed.records);
  if (rows.length === 0) {
    return {
      ok: false,
      message: "The file has a header row but no data rows: add a row per record.",
    };
  }
  return { ok: true, layout: layout.layout, rows, labels };
}

/**
 * Reads, checks and compares an import file with the database without
 * writing anything, and returns what importing each row would do.
 */
export async function planImport(
  db: Executor,
  kind: CsvImportKind,
  content: string,
): Promise<ImportPlan> {
  const file = readImportFile(kind, content);
  if (!file.ok) return file;
  const { layout, rows, labels } = file;
  const checked = checkRows(kind, rows, labels);
  const existing = await loadExistingRecords(db, requestFor(kind, checked));
  const plans = checked.map((item) => planRow(kind, item, existing, labels));
  return {
    ok: true,
    kind,
    layout,
    rows: plans,
    counts: countOutcomes(plans),
    fingerprint: fingerprintOf(plans),
  };
}

/** Lists the external ids and logins whose records the rows refer to. */
export function requestFor(kind: CsvImportKind, checked: CheckedRow[]) {
  const ids = checked.map((item) => item.row.externalId).filter(Boolean);
  const logins = checked.flatMap((item) => (item.login ? [item.login] : []));
  if (kind === "students") return { studentExternalIds: ids, parentExternalIds: [], logins };
  const referenced = checked.flatMap((item) =>
    item.row.studentReferences.map((reference) => reference.externalId),
  );
  return { studentExternalIds: referenced, parentExternalIds: ids, logins };
}

function planRow(
  kind: CsvImportKind,
  item: CheckedRow,
  existing: ExistingRecords,
  labels: ColumnLabels,
): RowPlan {
  const errors = [...item.errors, ...checkAgainstDatabase(kind, item, existing, labels)];
  const base = { line: item.row.line, externalId: item.row.externalId, name: item.row.name };
  if (errors.length > 0 || item.values === null) {
    return { ...base, outcome: "error", changes: [], errors, values: null };
  }
  const diff =
    kind === "students"
      ? diffStudent(item.values as StudentValues, existing)
      : diffParent(item.values as ParentValues, existing);
  return { ...base, ...diff, errors: [], values: item.values };
}

const ACCOUNT_KINDS: Record<string, string> = {
  parent: "parent portal account",
  student: "student portal account",
  staff: "staff account",
  portal: "portal account",
};

/** Finds unknown students and logins used by another person's account. */
function checkAgainstDatabase(
  kind: CsvImportKind,
  item: CheckedRow,
  existing: ExistingRecords,
  labels: ColumnLabels,
): RowError[] {
  const errors: RowError[] = [];
  if (item.login) {
    const account = existing.accountsByLogin.get(item.login);
    const own =
      kind === "students"
        ? existing.studentsByExternalId.get(item.row.externalId)?.userId
        : existing.parentsByExternalId.get(item.row.externalId)?.userId;
    if (account && account.id !== own) {
      errors.push({
        line: item.row.line,
        column: labels.email ?? "email",
        message: `Login ${item.login} is already used by ${account.name}'s ${ACCOUNT_KINDS[account.kind]}. Use this ${kind === "students" ? "student" : "parent"}'s own email address.`,
      });
    }
  }
  if (kind === "parents") {
    for (const reference of item.row.studentReferences) {
      if (existing.studentsByExternalId.has(reference.externalId)) continue;
      errors.push({
        line: reference.line,
        column: labels.studentExternalIds ?? "student_external_ids",
        message: `Student "${reference.externalId}" was not found: no student has this external id. Import the students file first, or correct the id.`,
      });
    }
  }
  return errors;
}

function describe(value: string | null | undefined): string {
  return value === null || value === undefined || value === "" ? "(empty)" : value;
}

function compare(
  changes: FieldChange[],
  field: string,
  from: string | null,
  to: string | null | undefined,
) {
  if (to === undefined) return;
  if ((from ?? null) !== (to ?? null))
    changes.push({ field, from: describe(from), to: describe(to) });
}

function diffStudent(
  values: StudentValues,
  existing: ExistingRecords,
): Pick<RowPlan, "outcome" | "changes"> {
  const current = existing.studentsByExternalId.get(values.externalId);
  if (!current) return { outcome: "create", changes: [] };
  const changes: FieldChange[] = [];
  compare(changes, "Name", current.name, values.name);
  compare(changes, "Email", current.email, values.email);
  compare(changes, "Birth date", current.birthDate, values.birthDate);
  return { outcome: changes.length > 0 ? "update" : "unchanged", changes };
}

export type LinkDiff = {
  added: { studentId: number; relationship: Relationship }[];
  removed: { studentId: number; relationship: Relationship }[];
  changed: { studentId: number; from: Relationship; to: Relationship }[];
};

/** Compares a parent's current student links with the links the file lists. */
export function diffLinks(
  values: ParentValues,
  currentLinks: { studentId: number; relationship: Relationship }[],
  existing: ExistingRecords,
): LinkDiff {
  const wanted = new Map<number, Relationship>();
  for (const reference of values.students) {
    const student = existing.studentsByExternalId.get(reference.externalId);
    if (student) wanted.set(student.id, values.relationship);
  }
  const current = new Map(currentLinks.map((link) => [link.studentId, link.relationship]));
  const diff: LinkDiff = { added: [], removed: [], changed: [] };
  for (const [studentId, relationship] of wanted) {
    const before = current.get(studentId);
    if (before === undefined) diff.added.push({ studentId, relationship });
    else if (before !== relationship)
      diff.changed.push({ studentId, from: before, to: relationship });
  }
  for (const [studentId, relationship] of current) {
    if (!wanted.has(studentId)) diff.removed.push({ studentId, relationship });
  }
  return diff;
}

/** Names a student for a change description: "Tom Brown (S-1001)". */
export function studentLabel(student: ExistingStudent | undefined, studentId: number): string {
  if (!student) return `student ${studentId}`;
  return student.externalId ? `${student.name} (${student.externalId})` : student.name;
}

function diffParent(
  values: ParentValues,
  existing: ExistingRecords,
): Pick<RowPlan, "outcome" | "changes"> {
  const current = existing.parentsByExternalId.get(values.externalId);
  if (!current) return { outcome: "create", changes: [] };
  const changes: FieldChange[] = [];
  compare(changes, "Name", current.name, values.name);
  compare(changes, "Email", current.email, values.email);
  compare(changes, "Phone", current.phone, values.phone);

  const links = diffLinks(values, current.links, existing);
  const name = (studentId: number) => studentLabel(existing.studentsById.get(studentId), studentId);
  if (links.added.length > 0) {
    changes.push({
      field: "Students added",
      from: "",
      to: links.added.map((link) => name(link.studentId)).join(", "),
    });
  }
  if (links.removed.length > 0) {
    changes.push({
      field: "Students removed",
      from: links.removed.map((link) => name(link.studentId)).join(", "),
      to: "",
    });
  }
  for (const link of links.changed) {
    changes.push({
      field: `Relationship to ${name(link.studentId)}`,
      from: link.from,
      to: link.to,
    });
  }
  return { outcome: changes.length > 0 ? "update" : "unchanged", changes };
}

export function countOutcomes(rows: { outcome: RowOutcome }[]): ImportCounts {
  const counts: ImportCounts = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const row of rows) counts[row.outcome] += 1;
  return counts;
}

function fingerprintOf(rows: RowPlan[]): string {
  const summary = rows.map((row) => [
    row.line,
    row.outcome,
    row.changes,
    row.errors.map((error) => error.message),
  ]);
  return createHash("sha256").update(JSON.stringify(summary)).digest("hex");
}
