import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Database } from "@/db/client";
import { emailOutbox, type EmailStatus } from "@/db/schema";
import { getOutboxPage, type OutboxFilters } from "@/lib/email/list";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let testDb: TestDatabase;
let db: Database;

const ALL: OutboxFilters = { recipient: "", status: null, template: null };

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
});

afterEach(async () => {
  await testDb.cleanup();
});

type EmailInput = { recipient: string; template?: string; status?: EmailStatus };

/** Inserts outbox rows in order, so later rows get higher ids, and returns their ids. */
async function insertEmails(emails: EmailInput[]): Promise<number[]> {
  const rows = await db
    .insert(emailOutbox)
    .values(
      emails.map((email) => ({
        recipient: email.recipient,
        template: email.template ?? "invitation",
        status: email.status ?? "sent",
        payload: {},
        nextAttemptAt: new Date(0),
      })),
    )
    .returning({ id: emailOutbox.id });
  return rows.map((row) => row.id);
}

function numberedEmails(count: number): EmailInput[] {
  return Array.from({ length: count }, (_, index) => ({ recipient: `parent${index + 1}@example.com` }));
}

describe("getOutboxPage", () => {
  test("first page is newest first", async () => {
    const ids = await insertEmails(numberedEmails(7));

    const page = await getOutboxPage({ filters: ALL, cursor: null, limit: 3 }, db);

    expect(page.rows.map((row) => row.id)).toEqual([ids[6], ids[5], ids[4]]);
    expect(page.total).toBe(7);
    expect(page.hasOlder).toBe(true);
    expect(page.hasNewer).toBe(false);
  });

  test("older page continues below cursor", async () => {
    const ids = await insertEmails(numberedEmails(7));

    const page = await getOutboxPage({ filters: ALL, cursor: { before: ids[4] }, limit: 3 }, db);

    expect(page.rows.map((row) => row.id)).toEqual([ids[3], ids[2], ids[1]]);
    expect(page.hasOlder).toBe(true);
    expect(page.hasNewer).toBe(true);
  });

  test("last older page has no older", async () => {
    const ids = await insertEmails(numberedEmails(6));

    const page = await getOutboxPage({ filters: ALL, cursor: { before: ids[3] }, limit: 3 }, db);

    expect(page.rows.map((row) => row.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(page.hasOlder).toBe(false);
    expect(page.hasNewer).toBe(true);
  });

  test("newer page is newest first", async () => {
    const ids = await insertEmails(numberedEmails(7));

    const page = await getOutboxPage({ filters: ALL, cursor: { after: ids[0] }, limit: 3 }, db);

    expect(page.rows.map((row) => row.id)).toEqual([ids[3], ids[2], ids[1]]);
    expect(page.hasOlder).toBe(true);
    expect(page.hasNewer).toBe(true);
  });

  test("newest newer page has no newer", async () => {
    const ids = await insertEmails(numberedEmails(6));

    const page = await getOutboxPage({ filters: ALL, cursor: { after: ids[2] }, limit: 3 }, db);

    expect(page.rows.map((row) => row.id)).toEqual([ids[5], ids[4], ids[3]]);
    expect(page.hasNewer).toBe(false);
    expect(page.hasOlder).toBe(true);
  });

  test("cursor past the end is empty", async () => {
    const ids = await insertEmails(numberedEmails(2));

    const page = await getOutboxPage({ filters: ALL, cursor: { before: ids[0] }, limit: 3 }, db);

    expect(page.rows).toEqual([]);
    expect(page.hasOlder).toBe(false);
    expect(page.hasNewer).toBe(true);
  });

  test("filters by status and template", async () => {
    const ids = await insertEmails([
      { recipient: "a@example.com", status: "failed", template: "invitation" },
      { recipient: "b@example.com", status: "failed", template: "digest" },
      { recipient: "c@example.com", status: "sent", template: "invitation" },
    ]);

    const failed = await getOutboxPage({ filters: { ...ALL, status: "failed" }, cursor: null }, db);
    const failedInvitations = await getOutboxPage(
      { filters: { ...ALL, status: "failed", template: "invitation" }, cursor: null },
      db,
    );

    expect(failed.rows.map((row) => row.id)).toEqual([ids[1], ids[0]]);
    expect(failedInvitations.rows.map((row) => row.id)).toEqual([ids[0]]);
    expect(failedInvitations.total).toBe(1);
  });

  test("searches recipient ignoring ASCII case", async () => {
    const ids = await insertEmails([{ recipient: "Linda.Brown@Example.com" }, { recipient: "mark@example.org" }]);

    const page = await getOutboxPage({ filters: { ...ALL, recipient: "linda.brown" }, cursor: null }, db);

    expect(page.rows.map((row) => row.id)).toEqual([ids[0]]);
  });

  test("escapes LIKE wildcards in recipient", async () => {
    const ids = await insertEmails([
      { recipient: "a_b@example.com" },
      { recipient: "axb@example.com" },
      { recipient: "100%@example.com" },
      { recipient: "1000@example.com" },
    ]);

    const underscore = await getOutboxPage({ filters: { ...ALL, recipient: "a_b" }, cursor: null }, db);
    const percent = await getOutboxPage({ filters: { ...ALL, recipient: "100%" }, cursor: null }, db);

    expect(underscore.rows.map((row) => row.id)).toEqual([ids[0]]);
    expect(percent.rows.map((row) => row.id)).toEqual([ids[2]]);
  });

  test("paging keeps the filters", async () => {
    const ids = await insertEmails([
      { recipient: "a@example.com", status: "failed" },
      { recipient: "b@example.com", status: "sent" },
      { recipient: "c@example.com", status: "failed" },
      { recipient: "d@example.com", status: "sent" },
      { recipient: "e@example.com", status: "failed" },
    ]);
    const filters: OutboxFilters = { ...ALL, status: "failed" };

    const first = await getOutboxPage({ filters, cursor: null, limit: 2 }, db);
    const older = await getOutboxPage({ filters, cursor: { before: first.rows[1].id }, limit: 2 }, db);

    expect(first.rows.map((row) => row.id)).toEqual([ids[4], ids[2]]);
    expect(older.rows.map((row) => row.id)).toEqual([ids[0]]);
    expect(older.hasOlder).toBe(false);
    expect(older.total).toBe(3);
  });

  test("empty outbox has no pages", async () => {
    const page = await getOutboxPage({ filters: ALL, cursor: null }, db);

    expect(page).toEqual({ rows: [], total: 0, hasOlder: false, hasNewer: false });
  });
});
