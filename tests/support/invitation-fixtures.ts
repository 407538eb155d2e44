import { eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { writeTransaction, type Database } from "@/db/client";
import * as schema from "@/db/schema";
import { emailOutbox, users } from "@/db/schema";

export type LoggedQuery = { sql: string; params: unknown[] };

/** Opens a second Drizzle handle on the same client that records every SQL statement it runs. */
export function countingDatabase(db: Database): { db: Database; queries: LoggedQuery[] } {
  const queries: LoggedQuery[] = [];
  const counted = drizzle(db.$client, {
    schema,
    logger: { logQuery: (query, params) => queries.push({ sql: query, params }) },
  }) as Database;
  return { db: counted, queries };
}

/** Sets the newest invitation email of a user to `status`, as the delivery worker would. */
export async function setInvitationEmail(
  db: Database,
  userId: number,
  change: { status: schema.EmailStatus; lastError?: string | null; attempts?: number },
): Promise<void> {
  await writeTransaction(db, (tx) =>
    tx
      .update(emailOutbox)
      .set({
        status: change.status,
        lastError: change.lastError ?? null,
        attempts: change.attempts ?? 1,
        sentAt: change.status === "sent" ? new Date() : null,
      })
      .where(
        sql`${emailOutbox.id} = (SELECT max(id) FROM email_outbox WHERE user_id = ${userId} AND template = 'invitation')`,
      ),
  );
}

/** Stores a password hash placeholder, as if the user had set a password. */
export async function markPasswordSet(db: Database, userId: number, lastLoginAt: Date | null = null) {
  await writeTransaction(db, (tx) =>
    tx.update(users).set({ passwordHash: "set", lastLoginAt }).where(eq(users.id, userId)),
  );
}

/**
 * Inserts `count` users in batches of 1,000 rows with raw SQL: every 50th a
 * manager, the others portal users, alternately parents and students, one in
 * ten deactivated and one in three without a password.
 */
export async function seedUsers(db: Database, count: number): Promise<void> {
  for (let start = 0; start < count; start += 1000) {
    const statements = [];
    for (let i = start; i < Math.min(count, start + 1000); i++) {
      statements.push({
        sql: "INSERT INTO users (login, name, role, is_parent, active, password_hash) VALUES (?, ?, ?, ?, ?, ?)",
        args: [
          `seed.user${i}@example.com`,
          `Seed ${String(i % 997).padStart(3, "0")} User ${i}`,
          i % 50 === 0 ? "manager" : "portal",
          i % 2,
          i % 10 === 0 ? 0 : 1,
          i % 3 === 0 ? null : "hash",
        ],
      });
    }
    await db.$client.batch(statements, "write");
  }
}
