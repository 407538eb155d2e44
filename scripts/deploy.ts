// Release step of a deployment (`npm run db:deploy`): migrates the database
// named by DATABASE_URL and, on a preview deployment with an empty database,
// seeds the demo school. Run it before the new version serves requests.

import "./load-env";
import { mkdirSync } from "node:fs";
import { openDatabase } from "@/db/client";
import { prepareDeploymentDatabase } from "@/lib/deploy/prepare-database";
import { getAppEnv } from "@/lib/env";

const url = process.env.DATABASE_URL || "file:data/app.db";
if (url.startsWith("file:")) mkdirSync("data", { recursive: true });
const target = url.startsWith("file:") ? url : "the remote database";
const appEnv = getAppEnv();

const db = openDatabase(url, process.env.DATABASE_AUTH_TOKEN);
try {
  const { seeded } = await prepareDeploymentDatabase(db);
  console.log(`deploy: migrated ${target} (APP_ENV ${appEnv}).`);
  if (seeded) console.log("deploy: the preview database was empty, so the demo school was seeded.");
} catch (error) {
  // Pending migrations run in one transaction, so a failure applies none of them.
  console.error(`deploy: preparing ${target} failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  db.$client.close();
}
