import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { detectDelimiter, parseCsv } from "@/lib/import/csv";
import { buildTemplate, detectLayout, readRows } from "@/lib/import/layouts";
import { parseRelationship } from "@/lib/import/validate-rows";

function fixture(name: string): string {
  return readFileSync(path.join(__dirname, "..", "fixtures", name), "utf8");
}

function parseOk(text: string) {
  const result = parseCsv(text);
  if (!result.ok) throw new Error(`parseCsv failed: ${result.message}`);
  return result;
}

describe("parseCsv", () => {
  test("reads header and records", () => {
    const result = parseOk("a,b\n1,2\n3,4\n");
    expect(result.header).toEqual(["a", "b"]);
    expect(result.records.map((record) => record.fields)).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
  });

  test("quoted delimiter and doubled quotes", () => {
    const result = parseOk('a,b\n"Smith, John","He said ""hi"""\n');
    expect(result.records[0].fields).toEqual(["Smith, John", 'He said "hi"']);
  });

  test("embedded newline keeps line numbers", () => {
    const result = parseOk('a,b\n"line one\nline two",x\ny,z\n');
    expect(result.records[0].fields[0]).toBe("line one\nline two");
    expect(result.records[0].line).toBe(2);
    expect(result.records[1].line).toBe(4);
  });

  test("CRLF and lone CR line ends", () => {
    expect(parseOk("a,b\r\n1,2\r\n").records[0].fields).toEqual(["1", "2"]);
    expect(parseOk("a,b\r1,2\r").records[0].fields).toEqual(["1", "2"]);
  });

  test("strips the UTF-8 BOM", () => {
    expect(parseOk("\uFEFFexternal_id,name\nS-1,Ann\n").header[0]).toBe("external_id");
  });

  test("semicolon delimiter from header", () => {
    const result = parseOk("a;b\n1,5;2\n");
    expect(result.delimiter).toBe(";");
    expect(result.records[0].fields).toEqual(["1,5", "2"]);
  });

  test("delimiter ignores quoted header text", () => {
    expect(detectDelimiter('"a;b;c",d\n')).toBe(",");
  });

  test("last record without line end", () => {
    expect(parseOk("a,b\n1,2").records).toHaveLength(1);
  });

  test("skips blank records", () => {
    expect(parseOk("a,b\n\n1,2\n,\n").records).toHaveLength(1);
  });

  test("keeps an empty quoted last field", () => {
    expect(parseOk('a,b\n1,""\n').records[0].fields).toEqual(["1", ""]);
  });

  test("rejects an unclosed quote", () => {
    const result = parseCsv('a,b\n1,"never closed\n');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/Line 2: a quoted field is never closed/);
  });

  test("rejects a quote inside an unquoted field", () => {
    const result = parseCsv('a,b\n1,ab"c\n');
    expect(!result.ok && result.message).toMatch(
      /Line 2: a quote appears inside an unquoted field/,
    );
  });

  test("rejects text after a closing quote", () => {
    const result = parseCsv('a,b\n"x"y,1\n');
    expect(!result.ok && result.message).toMatch(/Line 2: a closing quote/);
  });

  test("rejects a file over the size cap", () => {
    const result = parseCsv(`a\n${"x".repeat(2000)}\n`, { maxBytes: 1024 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toBe(
      "The file is 2 KB, over the limit of 1 KB: split it into smaller files.",
    );
  });

  test("rejects too many rows", () => {
    const result = parseCsv("a\n1\n2\n3\n", { maxRows: 2 });
    expect(!result.ok && result.message).toBe(
      "The file has more than 2 data rows: split it into smaller files.",
    );
  });

  test("accepts exactly the row cap", () => {
    expect(parseCsv("a\n1\n2\n", { maxRows: 2 }).ok).toBe(true);
  });

  test("rejects an empty file", () => {
    expect(parseCsv("").ok).toBe(false);
  });
});

describe("layouts", () => {
  test("template header is the template layout", () => {
    const layout = detectLayout("students", ["external_id", "name", "email", "birth_date"]);
    expect(layout.ok && layout.layout).toBe("template");
  });

  test("Odoo header is the openeducat layout", () => {
    const layout = detectLayout("students", ["External ID", "Name", "Email", "Birth Date"]);
    expect(layout.ok && layout.layout).toBe("openeducat");
  });

  test("missing columns are named", () => {
    const layout = detectLayout("parents", ["External ID", "Name"]);
    expect(!layout.ok && layout.message).toMatch(/no column email \(or Email\), relationship/);
  });

  test("wrong kind is suggested", () => {
    const layout = detectLayout("students", [
      "external_id",
      "name",
      "email",
      "phone",
      "relationship",
      "student_external_ids",
    ]);
    expect(!layout.ok && layout.message).toMatch(/looks like a parents file/);
    const parentsAsStudents = detectLayout("parents", [
      "external_id",
      "name",
      "email",
      "birth_date",
    ]);
    expect(!parentsAsStudents.ok && parentsAsStudents.message).toMatch(
      /looks like a students file/,
    );
  });

  test("templates parse as their own layout", () => {
    for (const kind of ["students", "parents"] as const) {
      const parsed = parseOk(buildTemplate(kind));
      const layout = detectLayout(kind, parsed.header);
      expect(layout.ok && layout.layout, kind).toBe("template");
      expect(parsed.records, kind).toHaveLength(2);
    }
  });

  test("Odoo parents continuation rows", () => {
    const parsed = parseOk(fixture("openeducat-parents.csv"));
    const layout = detectLayout("parents", parsed.header);
    if (!layout.ok) throw new Error(layout.message);
    const rows = readRows("parents", layout.columns, parsed.records);
    expect(rows).toHaveLength(2);
    expect(rows[0].studentReferences).toEqual([
      { externalId: "__export__.op_student_12_ab12cd", line: 2 },
      { externalId: "openeducat.op_student_3", line: 3 },
    ]);
    expect(rows[0].phone).toBe("+44 7700 900222");
    expect(rows[1].line).toBe(4);
  });

  test("template ids split on semicolon and space", () => {
    const parsed = parseOk(fixture("template-parents.csv"));
    const layout = detectLayout("parents", parsed.header);
    if (!layout.ok) throw new Error(layout.message);
    const rows = readRows("parents", layout.columns, parsed.records);
    expect(rows[0].studentReferences.map((reference) => reference.externalId)).toEqual([
      "S-1",
      "S-2",
    ]);
    expect(rows[1].studentReferences.map((reference) => reference.externalId)).toEqual([
      "S-1",
      "S-2",
    ]);
  });

  test("relationship names map", () => {
    expect(parseRelationship("Father")).toBe("father");
    expect(parseRelationship("Grand Mother")).toBe("grandparent");
    expect(parseRelationship("Uncle")).toBeNull();
  });
});
