import { relationships, type CsvImportKind, type Relationship } from "@/db/schema";
import { normalizeLogin } from "@/lib/login";
import { birthDateField, nameField, optionalPhoneField } from "@/lib/validation";
import type { ImportColumn, ImportRow } from "./layouts";

// Checks of each row on its own and against the other rows of the file. The
// checks against the database are in plan.ts.

export type RowError = {
  /** The file line the error is on; a continuation row has a line of its own. */
  line: number;
  /** The column header as written in the file. */
  column: string;
  message: string;
};

export type StudentValues = {
  externalId: string;
  name: string;
  /** Undefined when the file has no such column, so the stored value is kept. */
  email?: string | null;
  birthDate?: string | null;
};

export type ParentValues = {
  externalId: string;
  name: string;
  email: string;
  phone?: string | null;
  relationship: Relationship;
  /** Student external ids in file order, each once, with the line that names it. */
  students: { externalId: string; line: number }[];
};

export type CheckedRow = {
  row: ImportRow;
  /** The normalised login of the row's email, when the email is valid. */
  login: string | null;
  errors: RowError[];
  values: StudentValues | ParentValues | null;
};

const EXTERNAL_ID_MAX = 128;

// OpenEduCat labels its relationship records by name; other common words
// map to the nearest relationship this product stores.
const RELATIONSHIP_NAMES: Record<string, Relationship> = {
  father: "father",
  dad: "father",
  mother: "mother",
  mum: "mother",
  mom: "mother",
  guardian: "guardian",
  "legal guardian": "guardian",
  grandparent: "grandparent",
  "grand parent": "grandparent",
  grandfather: "grandparent",
  "grand father": "grandparent",
  grandmother: "grandparent",
  "grand mother": "grandparent",
  sibling: "sibling",
  brother: "sibling",
  sister: "sibling",
  other: "other",
};

/** Maps a relationship name such as "Father" or "Grand Mother" to a stored relationship, or null. */
export function parseRelationship(value: string): Relationship | null {
  const key = value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");
  return RELATIONSHIP_NAMES[key] ?? null;
}

/** The header of each column as the file writes it, for error messages. */
export type ColumnLabels = Partial<Record<ImportColumn, string>>;

/**
 * Checks every row's values and the rows against each other: a missing or
 * repeated external id, a missing name, an invalid email, a repeated login, a
 * bad date or relationship. Rows with errors get values = null.
 */
export function checkRows(
  kind: CsvImportKind,
  rows: ImportRow[],
  labels: ColumnLabels,
): CheckedRow[] {
  const label = (column: ImportColumn, fallback: string) => labels[column] ?? fallback;
  const checked = rows.map((row) =>
    kind === "students" ? checkStudentRow(row, label) : checkParentRow(row, label),
  );
  markDuplicates(
    checked,
    (item) => item.row.externalId || null,
    (item, lines) => ({
      line: item.row.line,
      column: label("externalId", "external_id"),
      message: `External id "${item.row.externalId}" appears on lines ${lines}: keep one row per record.`,
    }),
  );
  markDuplicates(
    checked,
    (item) => item.login,
    (item, lines) => ({
      line: item.row.line,
      column: label("email", "email"),
      message: `Email ${item.login} is on lines ${lines}: each login may be used by one ${kind === "students" ? "student" : "parent"} only. Give each their own email.`,
    }),
  );
  for (const item of checked) {
    if (item.errors.length > 0) item.values = null;
  }
  return checked;
}

type LabelOf = (column: ImportColumn, fallback: string) => string;

function checkCommon(row: ImportRow, label: LabelOf, errors: RowError[]) {
  const idColumn = label("externalId", "external_id");
  if (row.externalId === "") {
    errors.push({
      line: row.line,
      column: idColumn,
      message:
        "External id is missing: give every row the record's id from your previous system, such as S-1001.",
    });
  } else if (row.externalId.length > EXTERNAL_ID_MAX || /[\s\p{Cc}]/u.test(row.externalId)) {
    errors.push({
      line: row.line,
      column: idColumn,
      message: `External id "${row.externalId.slice(0, 40)}" is invalid: use at most ${EXTERNAL_ID_MAX} characters and no spaces.`,
    });
  }
  const name = nameField.safeParse(row.name);
  if (!name.success) {
    errors.push({
      line: row.line,
      column: label("name", "name"),
      message: name.error.issues[0].message,
    });
  }
  return name.success ? name.data : "";
}

/**
 * Validates an email cell; returns the trimmed email and its login, or records
 * an error. `optional` is true when leaving the cell empty is a valid fix.
 */
function checkEmail(
  row: ImportRow,
  value: string,
  column: string,
  errors: RowError[],
  optional: boolean,
): { email: string; login: string } | null {
  const result = normalizeLogin(value);
  if (!result.ok) {
    const fix = optional ? "Correct the email or leave the cell empty." : "Correct the email.";
    errors.push({ line: row.line, column, message: `${result.message} ${fix}` });
    return null;
  }
  return { email: value.trim(), login: result.login };
}

function checkStudentRow(row: ImportRow, label: LabelOf): CheckedRow {
  const errors: RowError[] = [];
  const name = checkCommon(row, label, errors);
  let email: string | null | undefined;
  let login: string | null = null;
  if (row.email !== undefined) {
    if (row.email === "") {
      email = null;
    } else {
      const checked = checkEmail(row, row.email, label("email", "email"), errors, true);
      email = checked?.email;
      login = checked?.login ?? null;
    }
  }
  let birthDate: string | null | undefined;
  if (row.birthDate !== undefined) {
    const parsed = birthDateField.safeParse(row.birthDate);
    if (parsed.success) {
      birthDate = parsed.data;
    } else {
      errors.push({
        line: row.line,
        column: label("birthDate", "birth_date"),
        message: `Birth date "${row.birthDate}" is invalid: write it as YYYY-MM-DD, such as 2012-05-31, or leave it empty.`,
      });
    }
  }
  return { row, login, errors, values: { externalId: row.externalId, name, email, birthDate } };
}

function checkParentRow(row: ImportRow, label: LabelOf): CheckedRow {
  const errors: RowError[] = [];
  const name = checkCommon(row, label, errors);
  const emailColumn = label("email", "email");
  let login: string | null = null;
  let email = "";
  if (!row.email) {
    errors.push({
      line: row.line,
      column: emailColumn,
      message: "Email is missing: a parent needs an email, which becomes the portal login.",
    });
  } else {
    const checked = checkEmail(row, row.email, emailColumn, errors, false);
    email = checked?.email ?? "";
    login = checked?.login ?? null;
  }

  let phone: string | null | undefined;
  if (row.phone !== undefined) {
    const parsed = optionalPhoneField.safeParse(row.phone);
    if (parsed.success) phone = parsed.data;
    else
      errors.push({
        line: row.line,
        column: label("phone", "phone"),
        message: parsed.error.issues[0].message,
      });
  }

  const relationship = parseRelationship(row.relationship ?? "");
  if (relationship === null) {
    const written = row.relationship
      ? `"${row.relationship}" is not a relationship`
      : "Relationship is missing";
    errors.push({
      line: row.line,
      column: label("relationship", "relationship"),
      message: `${written}: use one of ${relationships.join(", ")}.`,
    });
  }

  const seen = new Set<string>();
  const students = row.studentReferences.filter((reference) => {
    if (seen.has(reference.externalId)) return false;
    seen.add(reference.externalId);
    return true;
  });
  return {
    row,
    login,
    errors,
    values: {
      externalId: row.externalId,
      name,
      email,
      phone,
      relationship: relationship ?? "other",
      students,
    },
  };
}

/** Adds an error to every row whose key (external id or login) another row also has. */
function markDuplicates(
  checked: CheckedRow[],
  keyOf: (item: CheckedRow) => string | null,
  errorOf: (item: CheckedRow, lines: string) => RowError,
) {
  const groups = new Map<string, CheckedRow[]>();
  for (const item of checked) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const lines = group.map((item) => item.row.line).join(", ");
    for (const item of group) item.errors.push(errorOf(item, lines));
  }
}
