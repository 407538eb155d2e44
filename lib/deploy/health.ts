import type { Database } from "@/db/client";
import journal from "@/db/migrations/meta/_journal.json";

/** How long the health check waits for the database before reporting it unavailable. */
const HEALTH_TIMEOUT_MS = 3000;

export type HealthReport = {
  status: "ok" | "unavailable";
  database: "ok" | "unavailable";
  migrations: {
    status: "current" | "behind" | "unknown";
    applied: number | null;
    expected: number;
  };
};

/** The `when` of the newest migration in db/migrations, as drizzle records it in created_at. */
const LATEST_MIGRATION_MILLIS = Math.max(...journal.entries.map((entry) => entry.when));

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function readMigrationLevel(db: Database): Promise<{ applied: number; latest: number }> {
  const result = await db.$client.execute(
    'SELECT count(*) AS applied, max(created_at) AS latest FROM "__drizzle_migrations"',
  );
  return { applied: Number(result.rows[0].applied), latest: Number(result.rows[0].latest ?? 0) };
}

/**
 * Checks the database with one cheap query and compares its migration level
 * with db/migrations. Reports no URL, token or error text, so the result is
 * safe to serve without a login. Errors are logged with their cause.
 */
export async function checkHealth(db: Database): Promise<HealthReport> {
  const expected = journal.entries.length;
  try {
    const level = await withTimeout(readMigrationLevel(db), HEALTH_TIMEOUT_MS);
    const current = level.latest >= LATEST_MIGRATION_MILLIS;
    return {
      status: current ? "ok" : "unavailable",
      database: "ok",
      migrations: { status: current ? "current" : "behind", applied: level.applied, expected },
    };
  } catch (error) {
    console.error("health: database check failed", error);
    return {
      status: "unavailable",
      database: "unavailable",
      migrations: { status: "unknown", applied: null, expected },
    };
  }
}
