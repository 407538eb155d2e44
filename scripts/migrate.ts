import "./load-env";
import { mkdirSync } from "node:fs";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

const url = process.env.DATABASE_URL || "file:data/app.db";
if (url.startsWith("file:")) mkdirSync("data", { recursive: true });

const db = openDatabase(url, process.env.DATABASE_AUTH_TOKEN);
try {
  await migrateDatabase(db);
  console.log(`Migrated ${url.startsWith("file:") ? url : "the remote database"}.`);
} catch (error) {
  // Pending migrations run in one transaction, so a failure applies none of them.
  console.error(`Migration failed and was rolled back: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  db.$client.close();
}
