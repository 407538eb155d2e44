import { migrate } from "drizzle-orm/libsql/migrator";
import { sql } from "drizzle-orm";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "./client";

export const MIGRATIONS_FOLDER = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "migrations",
);

/** Applies the committed migrations under db/migrations that the database lacks. */
export async function migrateDatabase(db: Database): Promise<void> {
  if (db.$client.protocol === "file") {
    // WAL lets pages read while a writer commits; the setting stays with the file.
    await db.run(sql`PRAGMA journal_mode = WAL`);
  }
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}
