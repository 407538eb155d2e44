import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Database } from "@/db/client";
import { MigrationForeignKeyError, migrateDatabase } from "@/db/migrate";
import { seedDemoSchool } from "@/db/seed";
import {
  countEveryTable,
  REBUILD_STUDENTS_SQL,
  writeMigrationFolder,
} from "../support/faults-migration-fixtures";
import { countRows, createTestDatabase, type TestDatabase } from "../support/test-db";

// Tables whose foreign keys point at students with ON DELETE CASCADE.
const STUDENT_CHILD_TABLES = ["parent_students", "enrolments", "attendance", "results", "fees"];

let testDb: TestDatabase;
let db: Database;
let folder: string;

async function appliedMigrationCount(): Promise<number> {
  return countRows(db, "__drizzle_migrations");
}

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  const logins = await seedDemoSchool(db, "migration-test-password");
  if (logins === null) throw new Error("seedDemoSchool added nothing to the new database");
  folder = await mkdtemp(path.join(os.tmpdir(), "parent-portal-migrations-"));
});

afterEach(async () => {
  await testDb.cleanup();
  await rm(folder, { recursive: true, force: true });
});

describe("students table rebuild", () => {
  beforeEach(() => {
    writeMigrationFolder(folder, "0100_rebuild_students", REBUILD_STUDENTS_SQL);
  });

  test("keeps every row of every table", async () => {
    const before = await countEveryTable(db.$client);
    for (const table of STUDENT_CHILD_TABLES) expect(before[table], `${table} before`).toBeGreaterThan(0);

    await migrateDatabase(db, folder);

    expect(await countEveryTable(db.$client)).toEqual(before);
  });

  test("applies the new table definition", async () => {
    await migrateDatabase(db, folder);
    const result = await db.$client.execute("SELECT sql FROM sqlite_master WHERE name = 'students'");
    expect(String(result.rows[0].sql)).toContain("CHECK (length(`name`) > 0)");
  });

  test("records the migration", async () => {
    const before = await appliedMigrationCount();
    await migrateDatabase(db, folder);
    expect(await appliedMigrationCount()).toBe(before + 1);
  });

  test("foreign key check empty afterwards", async () => {
    await migrateDatabase(db, folder);
    const result = await db.$client.execute("PRAGMA foreign_key_check");
    expect(result.rows).toHaveLength(0);
  });

  test("foreign keys enforced afterwards", async () => {
    await migrateDatabase(db, folder);
    const pragma = await db.$client.execute("PRAGMA foreign_keys");
    expect(Number(pragma.rows[0].foreign_keys)).toBe(1);
    await expect(
      db.$client.execute("INSERT INTO enrolments (student_id, course_id) VALUES (999999, 1)"),
    ).rejects.toThrow(/FOREIGN KEY constraint failed/);
  });

  test("second run changes nothing", async () => {
    await migrateDatabase(db, folder);
    const before = await countEveryTable(db.$client);
    await migrateDatabase(db, folder);
    expect(await countEveryTable(db.$client)).toEqual(before);
  });

  test("with foreign keys on, rows are lost", async () => {
    // The same statements in an ordinary write transaction, where foreign
    // keys stay on: DROP TABLE deletes every student first, which cascades.
    const statements = REBUILD_STUDENTS_SQL.filter((statement) => !statement.startsWith("PRAGMA"));
    await db.$client.batch(statements, "write");
    expect(await countRows(db, "students")).toBeGreaterThan(0);
    for (const table of STUDENT_CHILD_TABLES) expect(await countRows(db, table), table).toBe(0);
  });
});

describe("migration leaving dangling references", () => {
  beforeEach(() => {
    // Deletes a student while foreign keys are off, so its enrolments and
    // other rows would point at nothing.
    writeMigrationFolder(folder, "0100_delete_student", [
      "DELETE FROM `students` WHERE `id` = (SELECT min(`student_id`) FROM `enrolments`);",
    ]);
  });

  test("is rejected", async () => {
    await expect(migrateDatabase(db, folder)).rejects.toThrow(MigrationForeignKeyError);
  });

  test("error names the migration", async () => {
    await expect(migrateDatabase(db, folder)).rejects.toThrow(/0100_delete_student/);
  });

  test("is rolled back whole", async () => {
    const before = await countEveryTable(db.$client);
    const applied = await appliedMigrationCount();
    await migrateDatabase(db, folder).catch(() => undefined);
    expect(await countEveryTable(db.$client)).toEqual(before);
    expect(await appliedMigrationCount()).toBe(applied);
  });
});
