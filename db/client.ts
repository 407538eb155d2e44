import path from "node:path";
import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import * as schema from "./schema";

export type Database = LibSQLDatabase<typeof schema> & { $client: Client };
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Either the database or an open transaction: queries run the same on both. */
export type Executor = Database | Transaction;

/**
 * How long one connection waits for another connection's write lock before
 * SQLite returns SQLITE_BUSY. The embedded driver waits synchronously, so this
 * also bounds how long one wait blocks the event loop. writeTransaction
 * retries after SQLITE_BUSY without blocking.
 */
export const BUSY_TIMEOUT_MS = 1000;

/** The queue key of each Database: its resolved file path, or its remote URL. */
const writeQueueKeys = new WeakMap<Database, string>();

function writeQueueKeyOf(url: string): string {
  if (!url.startsWith("file:")) return url;
  const filePath = url.slice("file:".length).split("?")[0];
  return `file:${path.resolve(filePath)}`;
}

/**
 * Opens a database. For an embedded `file:` database each connection waits up
 * to BUSY_TIMEOUT_MS for a lock instead of failing at once with SQLITE_BUSY.
 */
export function openDatabase(url: string, authToken?: string): Database {
  const client = createClient({ url, authToken, timeout: BUSY_TIMEOUT_MS });
  const db = drizzle(client, { schema });
  writeQueueKeys.set(db, writeQueueKeyOf(url));
  return db;
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

/** Attempts of one write transaction, the first included, when SQLite reports SQLITE_BUSY. */
export const MAX_BUSY_ATTEMPTS = 8;
const BUSY_BACKOFF_BASE_MS = 25;
const BUSY_BACKOFF_MAX_MS = 1000;

/** Checks whether an error, or one of its causes, is SQLITE_BUSY ("database is locked"). */
export function isBusyError(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const { code, message } = e as { code?: string; message?: string };
    if (code?.startsWith("SQLITE_BUSY")) return true;
    if (message?.includes("database is locked")) return true;
  }
  return false;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function runWithBusyRetry<T>(db: Database, work: (tx: Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      if (!isBusyError(error) || attempt >= MAX_BUSY_ATTEMPTS) throw error;
      if (db.$client.protocol === "file") {
        // NOTE: with @libsql/client 0.18.0 the embedded driver leaves the
        // statement that failed with SQLITE_BUSY un-reset, so every later
        // COMMIT on that connection fails with "cannot commit transaction -
        // SQL statements in progress". Reopening the pool drops the
        // connection. Only open transactions hold a connection between calls,
        // and writeTransaction runs one at a time per file, so none is cut off.
        db.$client.reconnect();
      }
      // Full jitter, so processes that collided do not retry in step.
      const ceiling = Math.min(BUSY_BACKOFF_MAX_MS, BUSY_BACKOFF_BASE_MS * 2 ** attempt);
      const delay = Math.round(Math.random() * ceiling);
      console.warn(
        `writeTransaction: attempt ${attempt} of ${MAX_BUSY_ATTEMPTS} failed, retrying in ${delay} ms:`,
        (error as Error).message,
      );
      await sleep(delay);
    }
  }
}

const writeQueues = new Map<string, Promise<unknown>>();
const unkeyedWriteQueues = new WeakMap<Database, Promise<unknown>>();

/**
 * Runs `work` in a write transaction (BEGIN IMMEDIATE). Writers of one
 * process take turns per database file, whichever Database object they use,
 * because two connections of one process waiting on each other's lock would
 * block the event loop that could release it. Writers in another process (a
 * seed or a second server) wait on the busy timeout, and a transaction that
 * still gets SQLITE_BUSY is rolled back and run again, up to
 * MAX_BUSY_ATTEMPTS times with a growing random delay. `work` may therefore
 * run more than once, so it must only change the database.
 */
export function writeTransaction<T>(
  db: Database,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  const key = writeQueueKeys.get(db);
  const previous = (key ? writeQueues.get(key) : unkeyedWriteQueues.get(db)) ?? Promise.resolve();
  const run = previous.then(
    () => runWithBusyRetry(db, work),
    () => runWithBusyRetry(db, work),
  );
  const settled = run.catch(() => undefined);
  if (key) writeQueues.set(key, settled);
  else unkeyedWriteQueues.set(db, settled);
  return run;
}
