import { afterAll, beforeAll, expect, test } from "vitest";
import type { Database } from "@/db/client";
import { getUsers, type UserFilters } from "@/lib/users/queries";
import { countingDatabase, seedUsers, type LoggedQuery } from "../support/invitation-fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

// The admin user list at 20,000 users: its queries must read users through
// users_name_idx or users_kind_name_idx. The plans are asserted, not timings;
// bench/users-list.ts measures the times.

const USER_COUNT = 20_000;
let testDb: TestDatabase;
let db: Database;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  await seedUsers(db, USER_COUNT);
}, 120_000);

afterAll(async () => {
  await testDb.cleanup();
});

/** Runs getUsers and returns the EXPLAIN QUERY PLAN details of each query it ran. */
async function plansOf(filters: UserFilters): Promise<string[][]> {
  const logged = countingDatabase(db);
  await getUsers(filters, logged.db);
  return Promise.all(
    logged.queries.map(async (query: LoggedQuery) => {
      const result = await db.$client.execute({
        sql: `EXPLAIN QUERY PLAN ${query.sql}`,
        args: query.params as never,
      });
      return result.rows.map((row) => String(row.detail));
    }),
  );
}

/** A plan line that reads every row of users without an index. */
const FULL_SCAN = /^SCAN users$/;

test("seeded users are all there", async () => {
  const page = await getUsers({}, db);

  expect(page.total).toBe(USER_COUNT);
});

test("default sort walks the name index", async () => {
  const [count, rows] = await plansOf({ page: 3 });

  expect(count.join(" | ")).not.toMatch(FULL_SCAN);
  expect(rows.join(" | ")).toMatch(/USING (COVERING )?INDEX users_name_idx/);
  expect(rows.join(" | ")).not.toContain("TEMP B-TREE");
});

const filterCases: [string, UserFilters, RegExp][] = [
  ["parent kind", { kind: "parent" }, /\(role=\? AND is_parent=\?\)/],
  ["student kind", { kind: "student" }, /\(role=\? AND is_parent=\?\)/],
  ["staff kind", { kind: "staff" }, /\(role=\?\)/],
  ["invited state", { state: "invited" }, /\(role=\? AND is_parent=\? AND active=\?\)/],
  ["active state", { state: "active" }, /\(role=\? AND is_parent=\? AND active=\?\)/],
  ["deactivated state", { state: "deactivated" }, /\(role=\? AND is_parent=\? AND active=\?\)/],
  ["kind and state", { kind: "parent", state: "invited" }, /\(role=\? AND is_parent=\? AND active=\?\)/],
  ["role and state", { role: "portal", state: "active" }, /\(role=\? AND is_parent=\? AND active=\?\)/],
];

for (const [name, filters, searchTerms] of filterCases) {
  test(`${name} searches the kind index`, async () => {
    const plans = await plansOf(filters);

    expect(plans).toHaveLength(2);
    for (const plan of plans) {
      const text = plan.join(" | ");
      expect(text).not.toMatch(FULL_SCAN);
      expect(text).toMatch(/SEARCH users USING (COVERING )?INDEX users_kind_name_idx/);
      expect(text).toMatch(searchTerms);
    }
  });
}

test("kind and state need no sort", async () => {
  const [, rows] = await plansOf({ kind: "parent", state: "active" });

  expect(rows.join(" | ")).not.toContain("TEMP B-TREE");
});

test("state filter keeps its results", async () => {
  const invited = await getUsers({ state: "invited" }, db);
  const expected = await db.$client.execute(
    "SELECT count(*) AS n FROM users WHERE active = 1 AND password_hash IS NULL",
  );

  expect(invited.total).toBe(Number(expected.rows[0].n));
});

// A LIKE '%…%' search cannot use an index, so its count reads every row.
// bench/users-list.ts measures what that costs.
test("search rows walk the name index", async () => {
  const [, rows] = await plansOf({ search: "User 1234" });

  expect(rows.join(" | ")).toMatch(/users_name_idx/);
  expect(rows.join(" | ")).not.toContain("TEMP B-TREE");
});
