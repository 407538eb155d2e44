import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { writeTransaction, type Database } from "@/db/client";
import { auditEvents, csvImports, parentStudents, parents, students } from "@/db/schema";
import { applyImport } from "@/lib/import/apply";
import { saveUploadedFile } from "@/lib/import/queries";
import { csv, planOk, readFixture, uploadAndImport } from "../support/import-fixtures";
import {
  countRows,
  createTestDatabase,
  createUserForParent,
  expectedChildIds,
  insertManager,
  insertStudentWithUser,
  storedChildIds,
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

async function auditActions(): Promise<string[]> {
  const rows = await db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .orderBy(auditEvents.id);
  return rows.map((row) => row.action);
}

async function linksOf(parentExternalId: string) {
  const parent = await db.query.parents.findFirst({
    where: eq(parents.externalId, parentExternalId),
  });
  if (!parent) throw new Error(`No parent ${parentExternalId}`);
  return db
    .select({ externalId: students.externalId, relationship: parentStudents.relationship })
    .from(parentStudents)
    .innerJoin(students, eq(students.id, parentStudents.studentId))
    .where(eq(parentStudents.parentId, parent.id))
    .orderBy(students.externalId);
}

describe("students import", () => {
  test("creates students with external ids", async () => {
    const { result } = await uploadAndImport(db, "students", readFixture("template-students.csv"));
    expect(result.counts).toEqual({ created: 2, updated: 0, unchanged: 0, error: 0 });
    const noah = await db.query.students.findFirst({ where: eq(students.externalId, "S-2") });
    expect(noah).toMatchObject({
      name: "Noah Patel",
      email: null,
      birthDate: "2015-09-02",
      active: true,
    });
  });

  test("re-import changes nothing", async () => {
    await uploadAndImport(db, "students", readFixture("openeducat-students.csv"));
    const { result } = await uploadAndImport(
      db,
      "students",
      readFixture("openeducat-students.csv"),
    );
    expect(result.counts).toEqual({ created: 0, updated: 0, unchanged: 3, error: 0 });
    expect(await auditActions()).toEqual(["import.applied", "import.applied"]);
  });

  test("updates only changed fields", async () => {
    await uploadAndImport(
      db,
      "students",
      csv(STUDENTS_HEADER, "S-1,Ann Lee,ann@example.com,2012-01-01"),
    );
    await uploadAndImport(db, "students", csv("External ID,Name", "S-1,Ann Lee-Smith"));
    const ann = await db.query.students.findFirst({ where: eq(students.externalId, "S-1") });
    expect(ann).toMatchObject({
      name: "Ann Lee-Smith",
      email: "ann@example.com",
      birthDate: "2012-01-01",
    });
  });

  test("partial import writes valid rows only", async () => {
    const { result } = await uploadAndImport(
      db,
      "students",
      csv(STUDENTS_HEADER, "S-1,Ann Lee,,", "S-2,,,", "S-3,Cy Lee,,1999-13-01", "S-4,Di Lee,,"),
    );
    expect(result.counts).toEqual({ created: 2, updated: 0, unchanged: 0, error: 2 });
    expect(await countRows(db, "students")).toBe(2);
    expect(result.rows.find((row) => row.line === 3)?.errors[0].column).toBe("name");
  });

  test("never creates users or emails", async () => {
    await uploadAndImport(db, "students", readFixture("openeducat-students.csv"));
    expect(await countRows(db, "users")).toBe(1);
    expect(await countRows(db, "email_outbox")).toBe(0);
  });
});

describe("parents import", () => {
  beforeEach(async () => {
    await uploadAndImport(db, "students", readFixture("template-students.csv"));
  });

  test("creates parents and links", async () => {
    const { result } = await uploadAndImport(db, "parents", readFixture("template-parents.csv"));
    expect(result.counts.created).toBe(2);
    expect(await linksOf("P-2")).toEqual([
      { externalId: "S-1", relationship: "father" },
      { externalId: "S-2", relationship: "father" },
    ]);
    const priya = await db.query.parents.findFirst({ where: eq(parents.externalId, "P-1") });
    expect(priya).toMatchObject({ email: "priya.patel@example.com", userId: null, active: true });
  });

  test("records link and summary audit events", async () => {
    await uploadAndImport(db, "parents", readFixture("template-parents.csv"));
    const actions = await auditActions();
    expect(actions.filter((action) => action === "link.added")).toHaveLength(4);
    expect(actions.filter((action) => action === "import.applied")).toHaveLength(2);
  });

  test("audit actor is the manager", async () => {
    await uploadAndImport(db, "parents", readFixture("template-parents.csv"));
    const event = await db.query.auditEvents.findFirst({
      where: eq(auditEvents.action, "link.added"),
    });
    expect(event?.actorName).toBe("Import Manager");
    expect(event?.summary).toBe(
      "Linked Ava Patel (S-1) to Priya Patel as mother (import of parents.csv).",
    );
  });

  test("re-import changes nothing", async () => {
    await uploadAndImport(db, "parents", readFixture("template-parents.csv"));
    const before = await countRows(db, "audit_events");
    const { result } = await uploadAndImport(db, "parents", readFixture("template-parents.csv"));
    expect(result.counts).toEqual({ created: 0, updated: 0, unchanged: 2, error: 0 });
    expect(await countRows(db, "audit_events")).toBe(before + 1);
  });

  test("replaces links and relationship", async () => {
    await uploadAndImport(db, "parents", readFixture("template-parents.csv"));
    const { result } = await uploadAndImport(
      db,
      "parents",
      csv(PARENTS_HEADER, "P-2,Ravi Patel,ravi.patel@example.com,,guardian,S-2"),
    );
    expect(result.counts.updated).toBe(1);
    expect(await linksOf("P-2")).toEqual([{ externalId: "S-2", relationship: "guardian" }]);
    const actions = await auditActions();
    expect(actions).toContain("link.removed");
    expect(actions).toContain("link.changed");
  });

  test("links synced into child_ids", async () => {
    const { studentId, userId: childUser } = await insertStudentWithUser(db, {
      name: "Tom Brown",
      email: "tom@example.com",
    });
    await writeTransaction(db, (tx) =>
      tx.update(students).set({ externalId: "S-TOM" }).where(eq(students.id, studentId)),
    );
    await uploadAndImport(
      db,
      "parents",
      csv(PARENTS_HEADER, "P-9,Linda Brown,linda@example.com,,mother,S-1"),
    );
    const linda = await db.query.parents.findFirst({ where: eq(parents.externalId, "P-9") });
    const parentUser = await createUserForParent(db, linda!.id);
    expect(await storedChildIds(db, parentUser)).toEqual([]);

    await uploadAndImport(
      db,
      "parents",
      csv(PARENTS_HEADER, "P-9,Linda Brown,linda@example.com,,mother,S-1 S-TOM"),
    );
    expect(await storedChildIds(db, parentUser)).toEqual([childUser]);
    expect(await storedChildIds(db, parentUser)).toEqual(await expectedChildIds(db, parentUser));

    await uploadAndImport(
      db,
      "parents",
      csv(PARENTS_HEADER, "P-9,Linda Brown,linda@example.com,,mother,S-1"),
    );
    expect(await storedChildIds(db, parentUser)).toEqual([]);
  });

  test("own account email is not a conflict", async () => {
    await uploadAndImport(
      db,
      "parents",
      csv(PARENTS_HEADER, "P-9,Linda Brown,linda@example.com,,mother,S-1"),
    );
    const linda = await db.query.parents.findFirst({ where: eq(parents.externalId, "P-9") });
    await createUserForParent(db, linda!.id);
    const plan = await planOk(
      db,
      "parents",
      csv(PARENTS_HEADER, "P-9,Linda Brown,linda@example.com,,mother,S-1"),
    );
    expect(plan.rows[0].outcome).toBe("unchanged");
  });

  test("Odoo parents with continuation rows", async () => {
    await uploadAndImport(db, "students", readFixture("openeducat-students.csv"));
    const { result } = await uploadAndImport(db, "parents", readFixture("openeducat-parents.csv"));
    expect(result.counts).toEqual({ created: 2, updated: 0, unchanged: 0, error: 0 });
    expect(await linksOf("__export__.op_parent_7_9f8e7d")).toEqual([
      { externalId: "__export__.op_student_12_ab12cd", relationship: "mother" },
      { externalId: "openeducat.op_student_3", relationship: "mother" },
    ]);
  });

  test("partial import keeps bad rows out", async () => {
    const { result } = await uploadAndImport(
      db,
      "parents",
      csv(
        PARENTS_HEADER,
        "P-1,Priya Patel,priya@example.com,,mother,S-1",
        "P-2,Ravi Patel,,,father,S-1",
        "P-3,Uma Patel,uma@example.com,,aunt,S-2",
      ),
    );
    expect(result.counts).toEqual({ created: 1, updated: 0, unchanged: 0, error: 2 });
    expect(await countRows(db, "parents")).toBe(1);
    expect(await countRows(db, "contacts")).toBe(1);
    expect(await countRows(db, "parent_students")).toBe(1);
  });
});

describe("applyImport", () => {
  async function upload(content: string) {
    const managerId = await insertManager(db, "m@example.com");
    return saveUploadedFile(db, {
      kind: "students",
      fileName: "s.csv",
      content,
      createdBy: managerId,
    });
  }

  test("stores the result", async () => {
    const content = readFixture("template-students.csv");
    const importId = await upload(content);
    const plan = await planOk(db, "students", content);
    await applyImport(db, { importId, fingerprint: plan.fingerprint });
    const row = await db.query.csvImports.findFirst({ where: eq(csvImports.id, importId) });
    expect(row?.importedAt).toBeInstanceOf(Date);
    expect(row?.result).toMatchObject({ counts: { created: 2 } });
  });

  test("stale dry run is revalidated", async () => {
    const content = readFixture("template-students.csv");
    const importId = await upload(content);
    const plan = await planOk(db, "students", content);
    await uploadAndImport(db, "students", content);
    const result = await applyImport(db, { importId, fingerprint: plan.fingerprint });
    expect(result.status).toBe("stale");
    expect(result.status === "stale" && result.plan.ok && result.plan.counts.unchanged).toBe(2);
  });

  test("second import of one upload is rejected", async () => {
    const content = readFixture("template-students.csv");
    const importId = await upload(content);
    const plan = await planOk(db, "students", content);
    await applyImport(db, { importId, fingerprint: plan.fingerprint });
    const again = await applyImport(db, { importId, fingerprint: plan.fingerprint });
    expect(again.status).toBe("already_imported");
  });

  test("concurrent imports write once", async () => {
    const content = readFixture("template-students.csv");
    const importId = await upload(content);
    const plan = await planOk(db, "students", content);
    const results = await Promise.all([
      applyImport(db, { importId, fingerprint: plan.fingerprint }),
      applyImport(db, { importId, fingerprint: plan.fingerprint }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["already_imported", "imported"]);
    expect(await countRows(db, "students")).toBe(2);
  });
});
