// Times the admin user list at 20,000 users against a plain
// `SELECT id, name, login FROM users LIMIT 50` on the same database, and
// prints each query's median time as a multiple of that baseline, so the
// numbers compare across machines. Run with `npx tsx bench/users-list.ts`.
// It creates a temporary migrated libSQL file and deletes it at the end.

import { performance } from "node:perf_hooks";
import { createTestDatabase } from "../tests/support/test-db";
import { seedUsers } from "../tests/support/invitation-fixtures";
import { getUsers, type UserFilters } from "../lib/users/queries";
import { getInvitationStatuses } from "../lib/invitation-state";

const USER_COUNT = 20_000;
const RUNS = 25;

async function medianMs(work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function main() {
  const testDb = await createTestDatabase();
  const { db } = testDb;
  try {
    await seedUsers(db, USER_COUNT);
    const baseline = await medianMs(() =>
      db.$client.execute("SELECT id, name, login FROM users LIMIT 50"),
    );

    const cases: [string, UserFilters][] = [
      ["list, page 1", {}],
      ["list, page 200", { page: 200 }],
      ["kind = parent", { kind: "parent" }],
      ["kind = parent, page 100", { kind: "parent", page: 100 }],
      ["state = invited", { state: "invited" }],
      ["kind = parent, state = active", { kind: "parent", state: "active" }],
      ["search 'User 1234'", { search: "User 1234" }],
      ["search 'seed.user1'", { search: "seed.user1" }],
    ];
    console.log(`users: ${USER_COUNT}, runs per query: ${RUNS}, median times`);
    console.log(`baseline SELECT ... LIMIT 50: ${baseline.toFixed(3)} ms (1.0x)`);
    for (const [name, filters] of cases) {
      const ms = await medianMs(() => getUsers(filters, db));
      console.log(`${name}: ${ms.toFixed(3)} ms (${(ms / baseline).toFixed(1)}x)`);
    }
    const page = await getUsers({}, db);
    const userIds = page.users.map((user) => user.id);
    const states = await medianMs(() => getInvitationStatuses({ userIds }, db));
    console.log(`invitation states of one page: ${states.toFixed(3)} ms (${(states / baseline).toFixed(1)}x)`);
  } finally {
    await testDb.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error("bench/users-list failed:", error);
  process.exit(1);
});
