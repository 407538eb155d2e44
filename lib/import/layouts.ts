import type { CsvImportKind } from "@/db/schema";
import { formatCsvField, type CsvRecord } from "./csv";

// Two header layouts are read: this product's own template, and a list
// exported from OpenEduCat (Odoo), whose headers are field labels such as
// "External ID" or "Students/External ID". In an Odoo export the related
// records of a many-to-many field go on the following lines, whose main
// columns are empty ("continuation rows").

export type ImportLayout = "template" | "openeducat";

export type ImportColumn =
  | "externalId"
  | "name"
  | "firstName"
  | "middleName"
  | "lastName"
  | "email"
  | "phone"
  | "mobile"
  | "birthDate"
  | "relationship"
  | "studentExternalIds";

/** The header of each template, in order. */
export const templateHeaders: Record<CsvImportKind, string[]> = {
  students: ["external_id", "name", "email", "birth_date"],
  parents: ["external_id", "name", "email", "phone", "relationship", "student_external_ids"],
};

/** The two example rows that follow the header in each downloadable template. */
export const templateExamples: Record<CsvImportKind, string[][]> = {
  students: [
    ["S-1001", "Ava Patel", "ava.patel@example.com", "2013-04-17"],
    ["S-1002", "Noah Patel", "", "2015-09-02"],
  ],
  parents: [
    [
      "P-2001",
      "Priya Patel",
      "priya.patel@example.com",
      "+44 20 7946 0001",
      "mother",
      "S-1001 S-1002",
    ],
    ["P-2002", "Ravi Patel", "ravi.patel@example.com", "", "father", "S-1001;S-1002"],
  ],
};

// Header names are compared after normalizeHeader, so "Birth Date",
// "birth_date" and "BIRTH DATE" are the same column.
const HEADER_ALIASES: Record<string, ImportColumn> = {
  "external id": "externalId",
  id: "externalId",
  name: "name",
  "full name": "name",
  "first name": "firstName",
  "middle name": "middleName",
  "last name": "lastName",
  email: "email",
  "e-mail": "email",
  "email address": "email",
  phone: "phone",
  "phone number": "phone",
  mobile: "mobile",
  "birth date": "birthDate",
  "date of birth": "birthDate",
  relationship: "relationship",
  "relationship id": "relationship",
  relation: "relationship",
  "student external ids": "studentExternalIds",
  "students/external id": "studentExternalIds",
  "student ids/external id": "studentExternalIds",
  "students/id": "studentExternalIds",
  "student ids/id": "studentExternalIds",
};

/** Lower-cases a header and turns underscores and runs of spaces into one space. */
export function normalizeHeader(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replaceAll("_", " ")
    .replace(/\s+/g, " ")
    .replace(/\s*\/\s*/g, "/");
}

export type LayoutResult =
  | { ok: true; layout: ImportLayout; columns: Map<ImportColumn, number> }
  | { ok: false; message: string };

/**
 * Recognises the layout of a header row and maps each known column to its
 * index. Unknown columns are ignored. The file kind decides which columns are
 * required.
 */
export function detectLayout(kind: CsvImportKind, header: string[]): LayoutResult {
  const template = templateHeaders[kind];
  const trimmed = header.map((name) => name.trim());
  const isTemplate =
    trimmed.length === template.length && trimmed.every((name, index) => name === template[index]);

  const columns = new Map<ImportColumn, number>();
  header.forEach((name, index) => {
    const column = HEADER_ALIASES[normalizeHeader(name)];
    if (column && !columns.has(column)) columns.set(column, index);
  });

  const missing: string[] = [];
  if (!columns.has("externalId")) missing.push("external_id (or External ID)");
  if (!columns.has("name") && !(columns.has("firstName") && columns.has("lastName"))) {
    missing.push("name (or Name)");
  }
  if (kind === "parents") {
    if (!columns.has("email")) missing.push("email (or Email)");
    if (!columns.has("relationship")) missing.push("relationship (or Relationship)");
    if (!columns.has("studentExternalIds")) {
      missing.push("student_external_ids (or Students/External ID)");
    }
  }
  // A parents file has every column a students file needs, so it is
  // recognised by the columns that only parents have.
  if (kind === "students" && (columns.has("studentExternalIds") || columns.has("relationship"))) {
    return {
      ok: false,
      message:
        'The header row has parent columns (relationship or linked students). It looks like a parents file: choose "parents" as the kind, or download the students template.',
    };
  }
  if (missing.length > 0) {
    const otherKind = kind === "students" ? "parents" : "students";
    const looksLikeOther = detectLayoutColumnsOnly(otherKind, header);
    return {
      ok: false,
      message:
        `The header row has no column ${missing.join(", ")}. ` +
        (looksLikeOther
          ? `It looks like a ${otherKind} file: choose "${otherKind}" as the kind, or download the ${kind} template.`
          : `Use the ${kind} template (${template.join(",")}) or an OpenEduCat export with these columns.`),
    };
  }
  return { ok: true, layout: isTemplate ? "template" : "openeducat", columns };
}

/** Checks whether a header has the columns that only a file of `kind` has. */
function detectLayoutColumnsOnly(kind: CsvImportKind, header: string[]): boolean {
  const columns = new Set(header.map((name) => HEADER_ALIASES[normalizeHeader(name)]));
  return kind === "parents" ? columns.has("studentExternalIds") : columns.has("birthDate");
}

/** One student reference of a parent row, with the file line it came from. */
export type StudentReference = { externalId: string; line: number };

/** One record read from the file, before any check. Absent columns are undefined. */
export type ImportRow = {
  /** The file line of the record's main row. */
  line: number;
  externalId: string;
  name: string;
  email?: string;
  phone?: string;
  birthDate?: string;
  relationship?: string;
  studentReferences: StudentReference[];
};

/**
 * Turns CSV records into import rows. In a parents file, a record whose
 * external id and name cells are empty but which names a student is an Odoo
 * continuation row: its students are added to the row above.
 */
export function readRows(
  kind: CsvImportKind,
  columns: Map<ImportColumn, number>,
  records: CsvRecord[],
): ImportRow[] {
  const rows: ImportRow[] = [];
  const cell = (record: CsvRecord, column: ImportColumn): string | undefined => {
    const index = columns.get(column);
    return index === undefined ? undefined : (record.fields[index] ?? "").trim();
  };

  for (const record of records) {
    const externalId = cell(record, "externalId") ?? "";
    const name = readName(record, cell);
    const studentCell = kind === "parents" ? (cell(record, "studentExternalIds") ?? "") : "";
    const references = splitExternalIds(studentCell).map((id) => ({
      externalId: id,
      line: record.line,
    }));

    const previous = rows.at(-1);
    if (
      kind === "parents" &&
      externalId === "" &&
      name === "" &&
      references.length > 0 &&
      previous
    ) {
      previous.studentReferences.push(...references);
      continue;
    }
    rows.push({
      line: record.line,
      externalId,
      name,
      email: cell(record, "email"),
      phone: readPhone(record, cell),
      birthDate: kind === "students" ? cell(record, "birthDate") : undefined,
      relationship: kind === "parents" ? cell(record, "relationship") : undefined,
      studentReferences: references,
    });
  }
  return rows;
}

type CellReader = (record: CsvRecord, column: ImportColumn) => string | undefined;

/** Reads Name, or joins First, Middle and Last Name when the file has no Name column. */
function readName(record: CsvRecord, cell: CellReader): string {
  const name = cell(record, "name");
  if (name !== undefined) return name;
  return ["firstName", "middleName", "lastName"]
    .map((column) => cell(record, column as ImportColumn) ?? "")
    .filter(Boolean)
    .join(" ");
}

/** Reads Phone, else Mobile. Undefined when the file has neither column. */
function readPhone(record: CsvRecord, cell: CellReader): string | undefined {
  const phone = cell(record, "phone");
  const mobile = cell(record, "mobile");
  if (phone === undefined) return mobile;
  return phone !== "" ? phone : (mobile ?? "");
}

/** Splits a cell of student external ids separated by semicolons, commas or spaces. */
export function splitExternalIds(value: string): string[] {
  return value.split(/[;,\s]+/).filter(Boolean);
}

/** Builds a template file: the header and two example rows, CRLF line ends. */
export function buildTemplate(kind: CsvImportKind): string {
  const lines = [templateHeaders[kind], ...templateExamples[kind]].map((fields) =>
    fields.map(formatCsvField).join(","),
  );
  return `${lines.join("\r\n")}\r\n`;
}
