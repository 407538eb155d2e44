import { eq } from "drizzle-orm";
import { writeTransaction, type Database } from "@/db/client";
import { users } from "@/db/schema";
import { beginLoginAttempt, recordLoginSuccess } from "@/lib/auth/throttle";
import { setParentStudents } from "@/lib/parents/mutations";
import { setStudentsActive } from "@/lib/students/mutations";

/** The records the writers change, created by the test before it starts them. */
export type WriterFixture = {
  parentIds: number[];
  studentIds: number[];
  logins: { userId: number; login: string }[];
};

export type WriterReport = { operations: number; errors: string[] };

/** A small deterministic generator, so each writer's sequence can be replayed from its seed. */
function createRandom(seed: number) {
  let state = seed >>> 0 || 1;
  return (below: number) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % below;
  };
}

function pickSome<T>(items: T[], count: number, random: (below: number) => number): T[] {
  const picked = new Set<T>();
  while (picked.size < Math.min(count, items.length)) picked.add(items[random(items.length)]);
  return [...picked];
}

/**
 * Writes the way the app does on a busy day, through the app's own functions:
 * child syncs (a parent's students replaced), logins (throttle counters and
 * last_login_at) and bulk archive/restore of students. Runs `concurrency`
 * writers at once on `db`, `iterations` operations each, and returns every
 * error instead of throwing.
 */
export async function runWriterWorkload(
  db: Database,
  fixture: WriterFixture,
  options: { seed: number; iterations: number; concurrency: number },
): Promise<WriterReport> {
  const report: WriterReport = { operations: 0, errors: [] };

  async function runOne(random: (below: number) => number) {
    const kind = random(3);
    if (kind === 0) {
      const parentId = fixture.parentIds[random(fixture.parentIds.length)];
      const links = pickSome(fixture.studentIds, 1 + random(3), random).map((studentId) => ({
        studentId,
        relationship: "guardian" as const,
      }));
      await setParentStudents(db, parentId, links);
    } else if (kind === 1) {
      const { userId, login } = fixture.logins[random(fixture.logins.length)];
      const keys = { login, address: null };
      if (await beginLoginAttempt(db, keys)) {
        await writeTransaction(db, (tx) =>
          tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, userId)),
        );
        await recordLoginSuccess(db, keys);
      }
    } else {
      const batch = pickSome(fixture.studentIds, 10, random);
      await setStudentsActive(db, batch, random(2) === 0);
    }
  }

  async function writer(index: number) {
    const random = createRandom(options.seed * 1000 + index);
    for (let i = 0; i < options.iterations; i++) {
      try {
        await runOne(random);
        report.operations++;
      } catch (error) {
        const { code, message } = error as { code?: string; message?: string };
        report.errors.push(`${code ?? "error"}: ${message ?? String(error)}`);
      }
    }
  }

  await Promise.all(Array.from({ length: options.concurrency }, (_, index) => writer(index)));
  return report;
}
