import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { writeTransaction, type Database } from "@/db/client";
import { students } from "@/db/schema";
import { planImport } from "@/lib/import/plan";
import { csv, planOk, readFixture, rowAt } from "../support/import-fixtures";
import {
  countRows,
  createTestDatabase,
  createUserForParent,
  insertManager,
  insertParent,
  insertStudent,
  type TestDatabase,
} from "../support/test-db";

let testDb: TestDatabase;
let db: Database;

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
});

afterEach(async () => {
  await testDb.cleanup();
});

const STUDENTS_HEADER = "external_id,name,email,birth_date";
const PARENTS_HEADER = "external_id,name,email,phone,relationship,student_external_ids";

async function insertStudentWithExternalId(
  name: string,
  externalId: string,
  email: string | null = null,
) {
  const id = await insertStudent(db, { name, email });
  await writeTransaction(db, (tx) =>
    tx.update(students).set({ externalId }).where(eq(students.id, id)),
  );
  return id;
}

function errorMessages(row: { errors: { message: string }[] }): string {
  return row.errors.map((error) => error.message).join(" | ");
}

describe("students dry run", () => {
  test("good template file creates every row", async () => {
    const plan = await planOk(db, "students", readFixture("template-students.csv"));
    expect(plan.layout).toBe("template");
    expect(plan.counts).toEqual({ create: 2, update: 0, unchanged: 0, error: 0 });
  });

  test("writes nothing", async () => {
    await planOk(db, "students", readFixture("template-students.csv"));
    expect(await countRows(db, "students")).toBe(0);
  });

  test("Odoo export reads names and dates", async () => {
    const plan = await planOk(db, "students", readFixture("openeducat-students.csv"));
    expect(plan.layout).toBe("openeducat");
    expect(plan.counts.create).toBe(3);
    expect(rowAt(plan, 3).name).toBe("O'Brien, Liam");
    expect(rowAt(plan, 4).values).toMatchObject({ name: "Chloé Martin", birthDate: "2011-07-30" });
  });

  test("existing student shows changed fields", async () => {
    await insertStudentWithExternalId("Ava Patel", "S-1", "old@example.com");
    const plan = await planOk(
      db,
      "students",
      csv(STUDENTS_HEADER, "S-1,Ava Patel,ava.patel@example.com,"),
    );
    const row = rowAt(plan, 2);
    expect(row.outcome).toBe("update");
    expect(row.changes).toEqual([
      { field: "Email", from: "old@example.com", to: "ava.patel@example.com" },
    ]);
  });

  test("identical student is unchanged", async () => {
    await insertStudentWithExternalId("Ava Patel", "S-1", "ava@example.com");
    const plan = await planOk(
      db,
      "students",
      csv(STUDENTS_HEADER, "S-1,Ava Patel,ava@example.com,"),
    );
    expect(rowAt(plan, 2).outcome).toBe("unchanged");
  });

  test("missing name", async () => {
    const plan = await planOk(db, "students", csv(STUDENTS_HEADER, "S-1,,,"));
    const row = rowAt(plan, 2);
    expect(row.outcome).toBe("error");
    expect(row.errors[0]).toMatchObject({
      line: 2,
      column: "name",
      message: "Name is missing: enter the full name.",
    });
  });

  test("missing external id", async () => {
    const plan = await planOk(db, "students", csv(STUDENTS_HEADER, ",Ann Lee,,"));
    expect(rowAt(plan, 2).errors[0]).toMatchObject({ column: "external_id" });
    expect(errorMessages(rowAt(plan, 2))).toMatch(/External id is missing/);
  });

  test("bad email", async () => {
    const plan = await planOk(
      db,
      "students",
      csv(STUDENTS_HEADER, "S-1,Ann Lee,ann at example.com,"),
    );
    expect(rowAt(plan, 2).errors[0].column).toBe("email");
    expect(errorMessages(rowAt(plan, 2))).toMatch(/Correct the email or leave the cell empty/);
  });

  test("bad date", async () => {
    const plan = await planOk(
      db,
      "students",
      csv(STUDENTS_HEADER, "S-1,Ann Lee,,31/05/2012", "S-2,Bo Lee,,2012-02-30"),
    );
    expect(rowAt(plan, 2).errors[0]).toMatchObject({ column: "birth_date" });
    expect(errorMessages(rowAt(plan, 2))).toMatch(/write it as YYYY-MM-DD/);
    expect(rowAt(plan, 3).outcome).toBe("error");
  });

  test("duplicate external id marks both rows", async () => {
    const plan = await planOk(
      db,
      "students",
      csv(STUDENTS_HEADER, "S-1,Ann Lee,,", "S-1,Bo Lee,,"),
    );
    expect(errorMessages(rowAt(plan, 2))).toBe(
      'External id "S-1" appears on lines 2, 3: keep one row per record.',
    );
    expect(rowAt(plan, 3).outcome).toBe("error");
  });

  test("duplicate login within file", async () => {
    const plan = await planOk(
      db,
      "students",
      csv(STUDENTS_HEADER, "S-1,Ann Lee,same@example.com,", "S-2,Bo Lee,SAME@example.com,"),
    );
    expect(errorMessages(rowAt(plan, 3))).toMatch(/Email same@example.com is on lines 2, 3/);
  });

  test("login of another account is named", async () => {
    await insertManager(db, "office@example.com", "Office Manager");
    const plan = await planOk(
      db,
      "students",
      csv(STUDENTS_HEADER, "S-1,Ann Lee,office@example.com,"),
    );
    expect(errorMessages(rowAt(plan, 2))).toBe(
      "Login office@example.com is already used by Office Manager's staff account. Use this student's own email address.",
    );
  });

  test("one bad row leaves others valid", async () => {
    const plan = await planOk(db, "students", csv(STUDENTS_HEADER, "S-1,Ann Lee,,", "S-2,,,"));
    expect(plan.counts).toEqual({ create: 1, update: 0, unchanged: 0, error: 1 });
  });
});

describe("parents dry run", () => {
  beforeEach(async () => {
    await insertStudentWithExternalId("Ava Patel", "S-1");
    await insertStudentWithExternalId("Noah Patel", "S-2");
  });

  test("good semicolon template file", async () => {
    const plan = await planOk(db, "parents", readFixture("template-parents.csv"));
    expect(plan.counts).toEqual({ create: 2, update: 0, unchanged: 0, error: 0 });
    expect(rowAt(plan, 3).values).toMatchObject({ relationship: "father", phone: null });
  });

  test("missing email", async () => {
    const plan = await planOk(db, "parents", csv(PARENTS_HEADER, "P-1,Priya Patel,,,mother,S-1"));
    expect(rowAt(plan, 2).errors[0]).toMatchObject({ column: "email", line: 2 });
    expect(errorMessages(rowAt(plan, 2))).toMatch(/Email is missing: a parent needs an email/);
  });

  test("bad relationship lists allowed", async () => {
    const plan = await planOk(
      db,
      "parents",
      csv(PARENTS_HEADER, "P-1,Priya Patel,p@example.com,,aunt,S-1"),
    );
    expect(errorMessages(rowAt(plan, 2))).toBe(
      '"aunt" is not a relationship: use one of father, mother, guardian, grandparent, sibling, other.',
    );
  });

  test("unknown student", async () => {
    const plan = await planOk(
      db,
      "parents",
      csv(PARENTS_HEADER, "P-1,Priya Patel,p@example.com,,mother,S-1 S-9"),
    );
    expect(rowAt(plan, 2).errors[0]).toMatchObject({ column: "student_external_ids" });
    expect(errorMessages(rowAt(plan, 2))).toMatch(/Student "S-9" was not found/);
  });

  test("login of another parent account", async () => {
    const other = await insertParent(db, { name: "Linda Brown", email: "linda@example.com" });
    await createUserForParent(db, other);
    const plan = await planOk(
      db,
      "parents",
      csv(PARENTS_HEADER, "P-1,Priya Patel,Linda@Example.com,,mother,S-1"),
    );
    expect(errorMessages(rowAt(plan, 2))).toMatch(
      /already used by Linda Brown's parent portal account/,
    );
  });

  test("bad phone", async () => {
    const plan = await planOk(
      db,
      "parents",
      csv(PARENTS_HEADER, "P-1,Priya Patel,p@example.com,call me,mother,S-1"),
    );
    expect(rowAt(plan, 2).errors[0].column).toBe("phone");
  });

  test("Odoo error on continuation line", async () => {
    const content = readFixture("openeducat-parents.csv");
    const plan = await planOk(db, "parents", content);
    expect(plan.layout).toBe("openeducat");
    const row = rowAt(plan, 2);
    expect(row.outcome).toBe("error");
    expect(row.errors.map((error) => error.line)).toEqual([2, 3]);
    expect(row.errors[1].column).toBe("Students/External ID");
  });

  test("Odoo parents with known students", async () => {
    await insertStudentWithExternalId("Amelia Hughes", "__export__.op_student_12_ab12cd");
    await insertStudentWithExternalId("Liam O'Brien", "openeducat.op_student_3");
    await insertStudentWithExternalId("Chloé Martin", "__export__.op_student_14_ef56aa");
    const plan = await planOk(db, "parents", readFixture("openeducat-parents.csv"));
    expect(plan.counts).toEqual({ create: 2, update: 0, unchanged: 0, error: 0 });
    expect(rowAt(plan, 2).values).toMatchObject({
      relationship: "mother",
      phone: "+44 7700 900222",
    });
  });

  test("file-level error for a students file", async () => {
    const plan = await planImport(db, "parents", readFixture("template-students.csv"));
    expect(plan.ok).toBe(false);
  });

  test("header only is rejected", async () => {
    const plan = await planImport(db, "parents", csv(PARENTS_HEADER));
    expect(!plan.ok && plan.message).toMatch(/no data rows/);
  });
});
