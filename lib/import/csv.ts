// A CSV reader for the import files (RFC 4180), written here so the project
// needs no parsing dependency. Quoted fields may contain the delimiter, ""
// for a quote, and line breaks. Records end with CRLF, LF or a lone CR.

/** The largest file accepted, in bytes of UTF-8. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** The maximum number of data records in a file, not counting the header row. */
export const MAX_DATA_ROWS = 20_000;

export type CsvRecord = {
  /** The file line on which the record starts, counting the header as line 1. */
  line: number;
  fields: string[];
};

export type CsvParseResult =
  | { ok: true; delimiter: "," | ";"; header: string[]; records: CsvRecord[] }
  | { ok: false; message: string };

export type CsvLimits = { maxBytes?: number; maxRows?: number };

const BOM = "\uFEFF";

/**
 * Picks the delimiter from the header line: the one of comma and semicolon
 * that occurs more often outside quotes, comma on a tie.
 */
export function detectDelimiter(text: string): "," | ";" {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char === ",") commas += 1;
    else if (!quoted && char === ";") semicolons += 1;
  }
  return semicolons > commas ? ";" : ",";
}

/**
 * Parses CSV text into a header and records. A leading UTF-8 byte order mark
 * is dropped, and records whose fields are all empty are skipped. A file over
 * the size or row limit, an unclosed quote or a quote inside an unquoted field
 * fails with a message that names the line.
 */
export function parseCsv(input: string, limits: CsvLimits = {}): CsvParseResult {
  const maxBytes = limits.maxBytes ?? MAX_FILE_BYTES;
  const maxRows = limits.maxRows ?? MAX_DATA_ROWS;
  const bytes = Buffer.byteLength(input, "utf8");
  if (bytes > maxBytes) {
    return {
      ok: false,
      message: `The file is ${formatMegabytes(bytes)}, over the limit of ${formatMegabytes(maxBytes)}: split it into smaller files.`,
    };
  }
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const delimiter = detectDelimiter(text);
  const parsed = splitRecords(text, delimiter, maxRows + 1);
  if (!parsed.ok) return parsed;

  const [first, ...records] = parsed.records;
  if (!first)
    return {
      ok: false,
      message: "The file is empty: it needs a header row and at least one data row.",
    };
  if (records.length > maxRows) {
    return {
      ok: false,
      message: `The file has more than ${maxRows.toLocaleString("en-GB")} data rows: split it into smaller files.`,
    };
  }
  const header = first.fields.map((name) => name.trim());
  return { ok: true, delimiter, header, records };
}

function formatMegabytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

type SplitResult = { ok: true; records: CsvRecord[] } | { ok: false; message: string };

/** Splits text into records, stopping once `maxRecords` + 1 non-empty records are read. */
function splitRecords(text: string, delimiter: string, maxRecords: number): SplitResult {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  // True once the current field started with a quote, until its closing quote.
  let fieldWasQuoted = false;
  let index = 0;

  const endField = () => {
    fields.push(field);
    field = "";
    fieldWasQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (fields.some((value) => value.trim() !== "")) records.push({ line: recordLine, fields });
    fields = [];
  };

  while (index < text.length) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 2;
        continue;
      }
      if (char === '"') {
        quoted = false;
        index += 1;
        const next = text[index];
        if (next !== undefined && next !== delimiter && next !== "\n" && next !== "\r") {
          return {
            ok: false,
            message: `Line ${line}: a closing quote must be followed by ${describeDelimiter(delimiter)} or the end of the line. Write a quote inside a quoted field as "".`,
          };
        }
        continue;
      }
      if (char === "\n" || (char === "\r" && text[index + 1] !== "\n")) line += 1;
      field += char;
      index += 1;
      continue;
    }
    if (char === '"') {
      if (field !== "" || fieldWasQuoted) {
        return {
          ok: false,
          message: `Line ${line}: a quote appears inside an unquoted field. Put the whole field in quotes and write each quote inside it as "".`,
        };
      }
      quoted = true;
      fieldWasQuoted = true;
      index += 1;
      continue;
    }
    if (char === delimiter) {
      endField();
      index += 1;
      continue;
    }
    if (char === "\r" || char === "\n") {
      endRecord();
      index += char === "\r" && text[index + 1] === "\n" ? 2 : 1;
      line += 1;
      recordLine = line;
      if (records.length > maxRecords) return { ok: true, records };
      continue;
    }
    field += char;
    index += 1;
  }
  if (quoted) {
    return {
      ok: false,
      message: `Line ${recordLine}: a quoted field is never closed. Add the missing closing quote.`,
    };
  }
  if (field !== "" || fields.length > 0 || fieldWasQuoted) endRecord();
  return { ok: true, records };
}

function describeDelimiter(delimiter: string): string {
  return delimiter === ";" ? "a semicolon" : "a comma";
}

/** Quotes a value for CSV output when it contains a delimiter, quote or line break. */
export function formatCsvField(value: string): string {
  return /[",;\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
