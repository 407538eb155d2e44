import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import type { Database } from "@/db/client";
import { auditEvents, emailOutbox, passwordTokens } from "@/db/schema";
import { MAX_MANAGER_EMAILS_PER_USER } from "@/lib/auth/email-throttle";
import { TOKEN_LIFETIME_MS } from "@/lib/auth/tokens";
import { MAX_ATTEMPTS } from "@/lib/email/outbox";
import { markPasswordSet, setInvitationEmail } from "../support/invitation-fixtures";
import {
  createTestDatabase,
  createUserForParent,
  insertManager,
  insertParent,
  type TestDatabase,
} from "../support/test-db";
import { getUser, insertUser } from "../support/users-fixtures";

let testDb: TestDatabase;
let db: Database;
const session = vi.hoisted(() => ({ current: null as unknown }));

vi.mock("@/auth", () => ({ auth: async () => session.current }));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: () => {},
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDb: () => db,
}));

const { getInvitationReport, getReinvitableUserIds, INVITATION_REPORT_PAGE_SIZE } = await import(
  "@/lib/invitation-report"
);
const { reinviteParents, MAX_REINVITES } = await import("@/lib/reinvite-parents");
const { REPLACED_INVITATION_ERROR } = await import("@/lib/invitations");
const { reinviteParentsAction } = await import("@/app/admin/invitations/actions");

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  session.current = null;
});

afterEach(async () => {
  await testDb.cleanup();
});

async function invitedParent(name: string): Promise<number> {
  const login = `${name.toLowerCase().replace(/ /g, ".")}@example.com`;
  const parentId = await insertParent(db, { name, email: login });
  return createUserForParent(db, parentId);
}

async function signInAsManager() {
  const managerId = await insertManager(db, "boss@example.com", "Boss Manager");
  const { sessionVersion } = await getUser(db, managerId);
  session.current = { user: { id: String(managerId) }, sessionVersion };
}

function formData(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) data.append(name, item);
  }
  return data;
}

async function invitationRows(userId: number) {
  return db.select().from(emailOutbox).where(eq(emailOutbox.userId, userId)).orderBy(emailOutbox.id);
}

async function invitationTokens(userId: number) {
  return db.select().from(passwordTokens).where(eq(passwordTokens.userId, userId)).orderBy(passwordTokens.id);
}

test("report lists parents who never logged in", async () => {
  const waiting = await invitedParent("Waiting Parent");
  const noLogin = await invitedParent("Password Parent");
  const loggedIn = await invitedParent("Active Parent");
  const deactivated = await insertUser(db, { login: "off@example.com", isParent: true, active: false });
  const student = await insertUser(db, { login: "kid@example.com", isParent: false });
  await markPasswordSet(db, noLogin);
  await markPasswordSet(db, loggedIn, new Date());

  const report = await getInvitationReport({}, db);
  const ids = report.rows.map((row) => row.userId);

  expect(ids).toEqual([noLogin, waiting]);
  expect(ids).not.toContain(loggedIn);
  expect(ids).not.toContain(deactivated);
  expect(ids).not.toContain(student);
});

test("report filters by every state", async () => {
  const queued = await invitedParent("A Queued");
  const sent = await invitedParent("B Sent");
  const failed = await invitedParent("C Failed");
  const expired = await invitedParent("D Expired");
  const accepted = await invitedParent("E Accepted");
  const notSent = await insertUser(db, { login: "f.legacy@example.com", name: "F Legacy", isParent: true });
  await setInvitationEmail(db, sent, { status: "sent" });
  await setInvitationEmail(db, failed, { status: "failed", lastError: "validation_error: bad address" });
  await markPasswordSet(db, accepted);
  await db.update(passwordTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordTokens.userId, expired));

  const expected = { queued, sent, failed, expired, accepted, not_sent: notSent } as const;
  for (const [state, userId] of Object.entries(expected)) {
    const report = await getInvitationReport({ state: state as keyof typeof expected }, db);
    expect(report.rows.map((row) => row.userId), state).toEqual([userId]);
    expect(report.rows[0].status.state, state).toBe(state);
  }
});

test("report shows the failure reason", async () => {
  const failed = await invitedParent("Failing Parent");
  await setInvitationEmail(db, failed, {
    status: "failed",
    lastError: "validation_error: bad address",
    attempts: MAX_ATTEMPTS,
  });

  const [row] = (await getInvitationReport({ state: "failed" }, db)).rows;

  expect(row.status).toEqual({ state: "failed", lastError: "validation_error: bad address", retrying: false });
  expect(row.lastEmail?.status).toBe("failed");
  expect(row.invitedAt).toBeInstanceOf(Date);
});

test("report expired at a given now", async () => {
  const userId = await invitedParent("Slow Parent");
  const later = new Date(Date.now() + TOKEN_LIFETIME_MS + 1000);

  const report = await getInvitationReport({ state: "expired", now: later }, db);

  expect(report.rows.map((row) => row.userId)).toEqual([userId]);
});

test("report counts states and pages", async () => {
  for (let i = 0; i < INVITATION_REPORT_PAGE_SIZE + 3; i++) {
    await insertUser(db, { login: `p${String(i).padStart(3, "0")}@example.com`, isParent: true });
  }

  const first = await getInvitationReport({}, db);
  const second = await getInvitationReport({ page: 2 }, db);

  expect(first.total).toBe(INVITATION_REPORT_PAGE_SIZE + 3);
  expect(first.countsByState.not_sent).toBe(INVITATION_REPORT_PAGE_SIZE + 3);
  expect(first.pageCount).toBe(2);
  expect(first.rows).toHaveLength(INVITATION_REPORT_PAGE_SIZE);
  expect(second.rows).toHaveLength(3);
  expect(second.rows[2].login).toBe(`p${String(INVITATION_REPORT_PAGE_SIZE + 2).padStart(3, "0")}@example.com`);
});

test("report search matches name or login", async () => {
  const userId = await invitedParent("Searchable Person");
  await invitedParent("Other Person");

  const byName = await getInvitationReport({ search: "searchable" }, db);
  const byLogin = await getInvitationReport({ search: "searchable.person@" }, db);

  expect(byName.rows.map((row) => row.userId)).toEqual([userId]);
  expect(byLogin.rows.map((row) => row.userId)).toEqual([userId]);
});

test("reinvitable ids skip queued and accepted", async () => {
  const queued = await invitedParent("Still Queued");
  const sent = await invitedParent("Was Sent");
  const accepted = await invitedParent("Has Password");
  await setInvitationEmail(db, sent, { status: "sent" });
  await markPasswordSet(db, accepted);

  const found = await getReinvitableUserIds({}, db);

  expect(found.userIds).toEqual([sent]);
  expect(found.total).toBe(1);
  expect(found.userIds).not.toContain(queued);
});

test("reinvite voids the old link", async () => {
  const userId = await invitedParent("Again Parent");
  await setInvitationEmail(db, userId, { status: "sent" });

  await reinviteParents(db, [userId]);
  const tokens = await invitationTokens(userId);

  expect(tokens).toHaveLength(2);
  expect(tokens[0].voidedAt).toBeInstanceOf(Date);
  expect(tokens[1].voidedAt).toBeNull();
});

test("reinvite queues a new email", async () => {
  const userId = await invitedParent("Queue Parent");
  await setInvitationEmail(db, userId, { status: "sent" });

  const [row] = await reinviteParents(db, [userId]);
  const emails = await invitationRows(userId);

  expect(row.outcome).toBe("queued");
  expect(emails).toHaveLength(2);
  expect(emails[1].status).toBe("queued");
  expect(emails[1].id).toBe(row.outboxId);
});

test("reinvite stops older emails", async () => {
  const failing = await invitedParent("Failing Again");
  const waiting = await invitedParent("Waiting Again");
  await setInvitationEmail(db, failing, { status: "failed", lastError: "internal_server_error: down" });

  await reinviteParents(db, [failing, waiting]);
  const [oldFailed] = await invitationRows(failing);
  const [oldQueued] = await invitationRows(waiting);

  expect(oldFailed.attempts).toBe(MAX_ATTEMPTS);
  expect(oldFailed.lastError).toBe("internal_server_error: down");
  expect(oldQueued.status).toBe("failed");
  expect(oldQueued.attempts).toBe(MAX_ATTEMPTS);
  expect(oldQueued.lastError).toBe(REPLACED_INVITATION_ERROR);
});

test("reinvite returns per-row results", async () => {
  const invited = await invitedParent("Row Parent");
  const accepted = await invitedParent("Row Accepted");
  const deactivated = await insertUser(db, { login: "row.off@example.com", isParent: true, active: false });
  const student = await insertUser(db, { login: "row.kid@example.com" });
  await markPasswordSet(db, accepted);

  const rows = await reinviteParents(db, [invited, accepted, deactivated, student, 9999, invited]);

  expect(rows.map((row) => [row.userId, row.outcome])).toEqual([
    [invited, "queued"],
    [accepted, "accepted"],
    [deactivated, "deactivated"],
    [student, "not_parent"],
    [9999, "user_not_found"],
  ]);
  expect(await invitationRows(accepted)).toHaveLength(1);
  expect(await invitationRows(deactivated)).toHaveLength(0);
});

test("reinvite records one audit event", async () => {
  const userId = await invitedParent("Audited Parent");
  const queuedEvents = () =>
    db.select().from(auditEvents).where(eq(auditEvents.action, "invitation.queued"));
  const before = await queuedEvents();

  await reinviteParents(db, [userId]);
  const after = await queuedEvents();
  const added = after.filter((event) => !before.some((old) => old.id === event.id));

  expect(added.map((event) => event.userId)).toEqual([userId]);
});

test("reinvite rejects more than the cap", async () => {
  const ids = Array.from({ length: MAX_REINVITES + 1 }, (_, index) => index + 1);

  await expect(reinviteParents(db, ids)).rejects.toThrow(RangeError);
});

test("action requires a selection", async () => {
  await signInAsManager();

  const result = await reinviteParentsAction(null, formData({ scope: "selected" }));

  expect(result?.ok).toBe(false);
  expect(result?.message).toBe(
    "No parent is selected: tick at least one row, or click Re-invite all matching.",
  );
});

test("action rejects non-managers", async () => {
  const userId = await invitedParent("Sneaky Parent");
  await markPasswordSet(db, userId);
  const { sessionVersion } = await getUser(db, userId);
  session.current = { user: { id: String(userId) }, sessionVersion };

  const result = await reinviteParentsAction(null, formData({ scope: "all" }));

  expect(result?.ok).toBe(false);
  expect(await invitationRows(userId)).toHaveLength(1);
});

test("action re-invites selected rows", async () => {
  await signInAsManager();
  const chosen = await invitedParent("Chosen Parent");
  const other = await invitedParent("Other Parent");

  const result = await reinviteParentsAction(
    null,
    formData({ scope: "selected", "userIds[]": [String(chosen)] }),
  );

  expect(result?.ok).toBe(true);
  expect(result?.rows).toEqual([
    { userId: chosen, name: "Chosen Parent", login: "chosen.parent@example.com", outcome: "queued" },
  ]);
  expect(await invitationRows(other)).toHaveLength(1);
});

test("action re-invites all matching", async () => {
  await signInAsManager();
  const sent = await invitedParent("Matching Sent");
  const failed = await invitedParent("Matching Failed");
  await setInvitationEmail(db, sent, { status: "sent" });
  await setInvitationEmail(db, failed, { status: "failed", lastError: "x" });

  const result = await reinviteParentsAction(null, formData({ scope: "all", state: "failed", q: "" }));

  expect(result?.rows?.map((row) => row.userId)).toEqual([failed]);
  expect(await invitationRows(sent)).toHaveLength(1);
});

test("result message states the cap", async () => {
  const { describeReinviteResult } = await import("@/app/admin/invitations/_lib/describe-reinvite-result");
  const rows = Array.from({ length: MAX_REINVITES }, (_, index) => ({
    userId: index + 1,
    name: `Parent ${index + 1}`,
    login: `parent${index + 1}@example.com`,
    outcome: "queued" as const,
    outboxId: index + 1,
  }));

  const result = describeReinviteResult(rows, MAX_REINVITES + 12);

  expect(result?.message).toBe(
    `${MAX_REINVITES} new invitations are on the way. Links in earlier invitations no longer work. ` +
      `${MAX_REINVITES + 12} parents match, and one click re-invites at most ${MAX_REINVITES}, ` +
      "those with the oldest invitations first. Click Re-invite all matching again for the rest.",
  );
});

test("reinvite stops at the per-user email limit", async () => {
  const userId = await invitedParent("Often Invited Parent");

  const outcomes: string[] = [];
  for (let attempt = 0; attempt < MAX_MANAGER_EMAILS_PER_USER + 1; attempt++) {
    const [row] = await reinviteParents(db, [userId]);
    outcomes.push(row.outcome);
  }

  expect(outcomes.slice(0, MAX_MANAGER_EMAILS_PER_USER)).toEqual(
    Array(MAX_MANAGER_EMAILS_PER_USER).fill("queued"),
  );
  expect(outcomes.at(-1)).toBe("too_many_emails");
});
