import { readMigrationFiles, type MigrationMeta } from "drizzle-orm/migrator";
import type { InStatement } from "@libsql/client";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "./client";

export const MIGRATIONS_FOLDER = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "migrations",
);

/** The table in which drizzle-orm's migrator records applied migrations. */
const MIGRATIONS_TABLE = "__drizzle_migrations";

/**
 * Statements appended to each migration batch. They fail the batch with a
 * CHECK constraint error when `PRAGMA foreign_key_check` finds any row, so a
 * migration that leaves a dangling foreign key rolls back whole.
 * NOTE: tests run the guard on embedded files only. On Turso it needs the
 * pragma_foreign_key_check table-valued function (SQLite 3.16 and later).
 */
const FOREIGN_KEY_GUARD: InStatement[] = [
  "CREATE TABLE __foreign_key_guard (violations integer NOT NULL CHECK (violations = 0))",
  "INSERT INTO __foreign_key_guard SELECT count(*) FROM pragma_foreign_key_check",
  "DROP TABLE __foreign_key_guard",
];

export class MigrationForeignKeyError extends Error {
  constructor(readonly tags: string[], cause: unknown) {
    super(
      `Migration of ${tags.join(", ")} rolled back: afterwards PRAGMA foreign_key_check ` +
        "found rows whose foreign keys point at missing rows. Fix the migration so it keeps " +
        "every referenced row (check it on a copy of the database with PRAGMA foreign_key_check).",
      { cause },
    );
    this.name = "MigrationForeignKeyError";
  }
}

async function lastAppliedMillis(db: Database): Promise<number | null> {
  await db.$client.execute(
    `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`,
  );
  const result = await db.$client.execute(
    `SELECT created_at FROM "${MIGRATIONS_TABLE}" ORDER BY created_at DESC LIMIT 1`,
  );
  return result.rows.length === 0 ? null : Number(result.rows[0].created_at);
}

/** Names the migrations by their journal tags, such as 0003_accounts_audit_jobs. */
function tagsOf(folder: string, pending: MigrationMeta[]): string[] {
  const journal = JSON.parse(readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as {
    entries: { when: number; tag: string }[];
  };
  return pending.map(
    (migration) =>
      journal.entries.find((entry) => entry.when === migration.folderMillis)?.tag ??
      String(migration.folderMillis),
  );
}

/**
 * Applies the migrations in `folder` (db/migrations by default) that the
 * database lacks, in one transaction, and records them the way drizzle-orm's
 * libSQL migrator does, so databases migrated by either stay compatible.
 *
 * libSQL's `migrate()` runs the batch with `PRAGMA foreign_keys=off`, which
 * SQLite cannot change inside a transaction. That keeps the DROP TABLE of a
 * table rebuild (create new table, copy, drop old, rename) from deleting the
 * rows of referencing tables through ON DELETE CASCADE. The foreign key check
 * at the end of the batch rolls the whole batch back when a migration leaves
 * a dangling reference.
 */
export async function migrateDatabase(db: Database, folder = MIGRATIONS_FOLDER): Promise<void> {
  if (db.$client.protocol === "file") {
    // WAL lets pages read while a writer commits; the setting stays with the file.
    await db.$client.execute("PRAGMA journal_mode = WAL");
  }
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  const last = await lastAppliedMillis(db);
  const pending = migrations.filter((migration) => last === null || last < migration.folderMillis);
  if (pending.length === 0) return;

  const statements: InStatement[] = [];
  for (const migration of pending) {
    statements.push(...migration.sql.filter((statement) => statement.trim() !== ""));
    statements.push({
      sql: `INSERT INTO "${MIGRATIONS_TABLE}" ("hash", "created_at") VALUES (?, ?)`,
      args: [migration.hash, migration.folderMillis],
    });
  }
  statements.push(...FOREIGN_KEY_GUARD);

  try {
    await db.$client.migrate(statements);
  } catch (error) {
    if (error instanceof Error && /CHECK constraint failed: violations = 0/.test(error.message)) {
      throw new MigrationForeignKeyError(tagsOf(folder, pending), error);
    }
    throw error;
  }
}
