import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import * as schema from "./schema";

export type Database = LibSQLDatabase<typeof schema> & { $client: Client };
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Either the database or an open transaction: queries run the same on both. */
export type Executor = Database | Transaction;

/**
 * Opens a database. For an embedded `file:` database the connections wait up
 * to 5 s for a lock instead of failing at once with SQLITE_BUSY.
 */
export function openDatabase(url: string, authToken?: string): Database {
  const client = createClient({ url, authToken, timeout: 5000 });
  return drizzle(client, { schema });
}

const globalForDb = globalThis as unknown as { portalDb?: Database };

/** Returns the process-wide database named by DATABASE_URL. */
export function getDb(): Database {
  if (!globalForDb.portalDb) {
    const url = process.env.DATABASE_URL || "file:data/app.db";
    globalForDb.portalDb = openDatabase(url, process.env.DATABASE_AUTH_TOKEN);
  }
  return globalForDb.portalDb;
}

const writeQueues = new WeakMap<Database, Promise<unknown>>();

/**
 * Runs `work` in a write transaction. Writers of one process take turns, so
 * SQLite never has to arbitrate between them. Writers in another process (a
 * seed or a second server) wait on the busy timeout set in openDatabase.
 */
export function writeTransaction<T>(
  db: Database,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  const previous = writeQueues.get(db) ?? Promise.resolve();
  const run = previous.then(
    () => db.transaction(work),
    () => db.transaction(work),
  );
  writeQueues.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}
