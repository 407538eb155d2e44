import "./load-env";
import { mkdirSync } from "node:fs";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

const url = process.env.DATABASE_URL || "file:data/app.db";
if (url.startsWith("file:")) mkdirSync("data", { recursive: true });

const db = openDatabase(url, process.env.DATABASE_AUTH_TOKEN);
await migrateDatabase(db);
db.$client.close();
console.log(`Migrated ${url.startsWith("file:") ? url : "the remote database"}.`);
