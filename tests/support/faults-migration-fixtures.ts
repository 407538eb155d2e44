import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { MIGRATIONS_FOLDER } from "@/db/migrate";

/**
 * A table rebuild of `students` in the form drizzle-kit generates when a
 * column changes: create the new table, copy, drop the old one, rename. It
 * adds a CHECK on `name`. drizzle-kit writes the PRAGMA lines too, and SQLite
 * ignores them inside the migration transaction.
 */
export const REBUILD_STUDENTS_SQL = [
  "PRAGMA foreign_keys=OFF;",
  `CREATE TABLE \`__new_students\` (
	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	\`name\` text NOT NULL CHECK (length(\`name\`) > 0),
	\`email\` text,
	\`birth_date\` text,
	\`user_id\` integer,
	\`active\` integer DEFAULT true NOT NULL,
	\`created_at\` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	\`external_id\` text,
	FOREIGN KEY (\`user_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
);`,
  "INSERT INTO `__new_students`(`id`, `name`, `email`, `birth_date`, `user_id`, `active`, `created_at`, `external_id`) " +
    "SELECT `id`, `name`, `email`, `birth_date`, `user_id`, `active`, `created_at`, `external_id` FROM `students`;",
  "DROP TABLE `students`;",
  "ALTER TABLE `__new_students` RENAME TO `students`;",
  "PRAGMA foreign_keys=ON;",
  "CREATE UNIQUE INDEX `students_user_unique` ON `students` (`user_id`);",
  "CREATE UNIQUE INDEX `students_external_id_unique` ON `students` (`external_id`);",
];

/**
 * Copies db/migrations to `folder` and appends one migration, `tag`, made of
 * `statements`, to its journal the way drizzle-kit does.
 */
export function writeMigrationFolder(folder: string, tag: string, statements: string[]): void {
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as {
    entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
  };
  const last = journal.entries[journal.entries.length - 1];
  journal.entries.push({ idx: last.idx + 1, version: last.version, when: last.when + 1000, tag, breakpoints: true });
  writeFileSync(journalPath, JSON.stringify(journal, null, 2));
  writeFileSync(path.join(folder, `${tag}.sql`), statements.join("--> statement-breakpoint\n"));
}

/** Counts the rows of every table except the migrations journal, by table name. */
export async function countEveryTable(client: { execute: (sql: string) => Promise<{ rows: unknown[] }> }) {
  const tables = await client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name",
  );
  const counts: Record<string, number> = {};
  for (const row of tables.rows as { name: string }[]) {
    const result = await client.execute(`SELECT count(*) AS n FROM "${row.name}"`);
    counts[row.name] = Number((result.rows[0] as { n: number }).n);
  }
  return counts;
}
