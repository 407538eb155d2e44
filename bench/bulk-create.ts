// Measures Create Parent Users for 10,000 generated parents through the bulk
// job code against a raw batched insert of the same users and parent links.
// The job writes one transaction per parent: the user, the parent link,
// child_ids, the invitation token and outbox row, and the item's outcome.
// Each run uses a fresh migrated file database in a temporary directory,
// deleted afterwards.
// Usage: npm run bench:bulk [-- <parent count>]
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { openDatabase, writeTransaction, type Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { contacts, parentStudents, parents, students, users } from "@/db/schema";

// queueInvitation reads the app's settings, so the benchmark supplies
// throwaway ones when the shell has none. Nothing is sent: without
// RESEND_API_KEY emails stay in the outbox.
process.env.AUTH_SECRET ??= randomBytes(32).toString("base64");
delete process.env.RESEND_API_KEY;

const PARENT_COUNT = Number(process.argv[2] ?? 10_000);
const STUDENT_COUNT = 500;
const CHUNK = 500;

async function openFreshDatabase(): Promise<{ db: Database; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "parent-portal-bench-"));
  const db = openDatabase(`file:${path.join(dir, "bench.db")}`);
  await migrateDatabase(db);
  return {
    db,
    cleanup: async () => {
      db.$client.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Inserts students with portal users and parents with emails, each parent linked to one student. */
async function insertParents(db: Database): Promise<number[]> {
  return writeTransaction(db, async (tx) => {
    const studentUsers = await tx
      .insert(users)
      .values(
        Array.from({ length: STUDENT_COUNT }, (_, i) => ({
          login: `bench.student${i}@example.com`,
          name: `Bench Student ${i}`,
          role: "portal" as const,
        })),
      )
      .returning({ id: users.id });
    const studentRows = await tx
      .insert(students)
      .values(studentUsers.map((user, i) => ({ name: `Bench Student ${i}`, userId: user.id })))
      .returning({ id: students.id });

    const parentIds: number[] = [];
    for (let start = 0; start < PARENT_COUNT; start += CHUNK) {
      const indexes = Array.from({ length: Math.min(CHUNK, PARENT_COUNT - start) }, (_, i) => start + i);
      const contactRows = await tx
        .insert(contacts)
        .values(indexes.map((i) => ({ name: `Bench Parent ${String(i).padStart(5, "0")}` })))
        .returning({ id: contacts.id });
      const parentRows = await tx
        .insert(parents)
        .values(contactRows.map((contact, j) => ({
          contactId: contact.id,
          email: `bench.parent${indexes[j]}@example.com`,
        })))
        .returning({ id: parents.id });
      await tx.insert(parentStudents).values(
        parentRows.map((parent, j) => ({
          parentId: parent.id,
          studentId: studentRows[indexes[j] % STUDENT_COUNT].id,
          relationship: "guardian" as const,
        })),
      );
      parentIds.push(...parentRows.map((row) => row.id));
    }
    return parentIds;
  });
}

async function timeJob(): Promise<{ ms: number; created: number }> {
  const { startCreateParentUsersJob } = await import("@/lib/jobs/start");
  const { runBulkJob } = await import("@/lib/jobs/process");
  const { db, cleanup } = await openFreshDatabase();
  try {
    const parentIds = await insertParents(db);
    const started = performance.now();
    const job = await startCreateParentUsersJob(db, { selection: { parentIds }, createdBy: null });
    if (job.status !== "started") throw new Error("the job did not start");
    const result = await runBulkJob(db, job.jobId);
    const ms = performance.now() - started;
    if (result !== "done") throw new Error(`the job ended with ${result}`);
    const rows = await db.$client.execute(
      `SELECT count(*) AS n FROM bulk_job_items WHERE job_id = ${job.jobId} AND outcome = 'created'`,
    );
    return { ms, created: Number(rows.rows[0].n) };
  } finally {
    await cleanup();
  }
}

/** Inserts the same users in multi-row statements and links each parent with one UPDATE, in one transaction. */
async function timeRawInsert(): Promise<{ ms: number; created: number }> {
  const { db, cleanup } = await openFreshDatabase();
  try {
    await insertParents(db);
    const rows = await db.$client.execute(
      "SELECT p.id, p.contact_id, p.email, c.name FROM parents p JOIN contacts c ON c.id = p.contact_id ORDER BY p.id",
    );
    const started = performance.now();
    await writeTransaction(db, async (tx) => {
      for (let start = 0; start < rows.rows.length; start += CHUNK) {
        await tx.insert(users).values(
          rows.rows.slice(start, start + CHUNK).map((row) => ({
            login: String(row.email),
            name: String(row.name),
            contactId: Number(row.contact_id),
            role: "portal" as const,
            isParent: true,
          })),
        );
      }
      await tx.run(sql`UPDATE parents SET user_id = (SELECT u.id FROM users u WHERE u.login = parents.email)`);
    });
    const ms = performance.now() - started;
    const linked = await db.$client.execute("SELECT count(*) AS n FROM parents WHERE user_id IS NOT NULL");
    return { ms, created: Number(linked.rows[0].n) };
  } finally {
    await cleanup();
  }
}

const cpus = os.cpus();
console.log(`command: npm run bench:bulk${process.argv[2] ? ` -- ${process.argv[2]}` : ""}`);
console.log(`machine: ${cpus.length} × ${cpus[0]?.model ?? "unknown CPU"}, ${os.platform()} ${os.arch()}, Node.js ${process.version}`);
console.log(`load average before the run (1, 5, 15 min): ${os.loadavg().map((load) => load.toFixed(1)).join(", ")}`);
console.log(`parents: ${PARENT_COUNT.toLocaleString("en")}, each linked to one of ${STUDENT_COUNT} students with portal users`);

const job = await timeJob();
const raw = await timeRawInsert();
const rate = (count: number, ms: number) => Math.round((count / ms) * 1000).toLocaleString("en");
console.log(
  `bulk job:   ${job.created.toLocaleString("en")} users in ${(job.ms / 1000).toFixed(2)} s (${rate(job.created, job.ms)} users/s), with tokens, outbox rows and child_ids`,
);
console.log(
  `raw insert: ${raw.created.toLocaleString("en")} users in ${(raw.ms / 1000).toFixed(2)} s (${rate(raw.created, raw.ms)} users/s), users and parent links only`,
);
console.log(`ratio: the raw insert is ${(job.ms / raw.ms).toFixed(1)} times faster than the job`);
