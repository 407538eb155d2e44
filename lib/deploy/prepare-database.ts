import type { Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { DEFAULT_DEMO_PASSWORD, seedDemoSchool } from "@/db/seed";
import { getAppEnv } from "@/lib/env";

/**
 * Prepares the database of a deployment: applies pending migrations and, on
 * a preview deployment whose database has no users yet, seeds the demo
 * school. Other deployments are never seeded. Returns whether it seeded.
 */
export async function prepareDeploymentDatabase(
  db: Database,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ seeded: boolean }> {
  await migrateDatabase(db);
  if (getAppEnv(env) !== "preview") return { seeded: false };
  const logins = await seedDemoSchool(db, env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD);
  return { seeded: logins !== null };
}
