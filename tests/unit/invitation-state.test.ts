import { afterEach, beforeEach, expect, test } from "vitest";
import type { Database } from "@/db/client";
import { TOKEN_LIFETIME_MS } from "@/lib/auth/tokens";
import { MAX_ATTEMPTS } from "@/lib/email/outbox";
import {
  canResendInvitation,
  getInvitationDetails,
  getParentInvitationStates,
} from "@/lib/invitation-state";
import {
  countingDatabase,
  markPasswordSet,
  setInvitationEmail,
} from "../support/invitation-fixtures";
import { createTestDatabase, createUserForParent, insertParent, type TestDatabase } from "../support/test-db";
import { insertUser } from "../support/users-fixtures";

let testDb: TestDatabase;
let db: Database;

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
});

afterEach(async () => {
  await testDb.cleanup();
});

async function invitedParent(name: string): Promise<{ parentId: number; userId: number }> {
  const parentId = await insertParent(db, { name, email: `${name.toLowerCase().replace(/ /g, ".")}@example.com` });
  return { parentId, userId: await createUserForParent(db, parentId) };
}

test("each state for many users", async () => {
  const queued = await invitedParent("Queued Parent");
  const sent = await invitedParent("Sent Parent");
  const failed = await invitedParent("Failed Parent");
  const failedFinal = await invitedParent("Final Parent");
  const accepted = await invitedParent("Accepted Parent");
  const notSent = await insertUser(db, { login: "legacy@example.com", isParent: true });
  await setInvitationEmail(db, sent.userId, { status: "sent" });
  await setInvitationEmail(db, failed.userId, { status: "failed", lastError: "validation_error: bad address" });
  await setInvitationEmail(db, failedFinal.userId, {
    status: "failed",
    lastError: "internal_server_error: down",
    attempts: MAX_ATTEMPTS,
  });
  await markPasswordSet(db, accepted.userId);

  const details = await getInvitationDetails({
    userIds: [queued.userId, sent.userId, failed.userId, failedFinal.userId, accepted.userId, notSent],
  }, db);

  expect(details.get(queued.userId)?.status).toEqual({ state: "queued" });
  expect(details.get(sent.userId)?.status).toEqual({ state: "sent" });
  expect(details.get(failed.userId)?.status).toEqual({
    state: "failed",
    lastError: "validation_error: bad address",
    retrying: true,
  });
  expect(details.get(failedFinal.userId)?.status).toEqual({
    state: "failed",
    lastError: "internal_server_error: down",
    retrying: false,
  });
  expect(details.get(accepted.userId)?.status).toEqual({ state: "accepted" });
  expect(details.get(notSent)?.status).toEqual({ state: "not_sent" });
});

test("expired at a given now", async () => {
  const { userId } = await invitedParent("Late Parent");
  const [detail] = (await getInvitationDetails({ userIds: [userId] }, db)).values();
  const invitedAt = detail.invitedAt!;
  const justBefore = new Date(invitedAt.getTime() + TOKEN_LIFETIME_MS - 1);
  const atExpiry = new Date(invitedAt.getTime() + TOKEN_LIFETIME_MS);

  const before = await getInvitationDetails({ userIds: [userId], now: justBefore }, db);
  const after = await getInvitationDetails({ userIds: [userId], now: atExpiry }, db);

  expect(before.get(userId)?.status.state).toBe("queued");
  expect(after.get(userId)?.status.state).toBe("expired");
});

test("expired wins over a sent email", async () => {
  const { userId } = await invitedParent("Sent Late Parent");
  await setInvitationEmail(db, userId, { status: "sent" });
  const later = new Date(Date.now() + TOKEN_LIFETIME_MS + 60_000);

  const details = await getInvitationDetails({ userIds: [userId], now: later }, db);

  expect(details.get(userId)?.status.state).toBe("expired");
});

test("accepted link never expires", async () => {
  const { userId } = await invitedParent("Done Parent");
  await markPasswordSet(db, userId);
  const later = new Date(Date.now() + TOKEN_LIFETIME_MS * 2);

  const details = await getInvitationDetails({ userIds: [userId], now: later }, db);

  expect(details.get(userId)?.status.state).toBe("accepted");
});

test("details carry invitation and email times", async () => {
  const { userId } = await invitedParent("Timed Parent");
  await setInvitationEmail(db, userId, { status: "sent" });

  const detail = (await getInvitationDetails({ userIds: [userId] }, db)).get(userId);

  expect(detail?.invitedAt).toBeInstanceOf(Date);
  expect(detail?.lastEmail?.status).toBe("sent");
  expect(detail?.lastEmail?.at).toBeInstanceOf(Date);
});

test("user states use three queries", async () => {
  const userIds: number[] = [];
  for (let i = 0; i < 12; i++) userIds.push((await invitedParent(`Many Parent ${i}`)).userId);
  const few = countingDatabase(db);
  const many = countingDatabase(db);

  await getInvitationDetails({ userIds: userIds.slice(0, 1) }, few.db);
  const details = await getInvitationDetails({ userIds }, many.db);

  expect(details.size).toBe(12);
  expect(few.queries).toHaveLength(3);
  expect(many.queries).toHaveLength(3);
});

test("parent states include not invited", async () => {
  const withUser = await invitedParent("Linked Parent");
  const withoutUser = await insertParent(db, { name: "No User Parent", email: "nouser@example.com" });

  const states = await getParentInvitationStates({ parentIds: [withUser.parentId, withoutUser] }, db);

  expect(states.get(withUser.parentId)?.status.state).toBe("queued");
  expect(states.get(withUser.parentId)?.userId).toBe(withUser.userId);
  expect(states.get(withoutUser)?.status).toEqual({ state: "not_invited" });
  expect(states.get(withoutUser)?.userId).toBeNull();
});

test("parent states use four queries", async () => {
  const parentIds: number[] = [];
  for (let i = 0; i < 10; i++) parentIds.push((await invitedParent(`Batch Parent ${i}`)).parentId);
  parentIds.push(await insertParent(db, { name: "Plain Parent", email: "plain@example.com" }));
  const counted = countingDatabase(db);

  const states = await getParentInvitationStates({ parentIds }, counted.db);

  expect(states.size).toBe(11);
  expect(counted.queries).toHaveLength(4);
});

test("unknown ids are left out", async () => {
  const details = await getInvitationDetails({ userIds: [999] }, db);
  const states = await getParentInvitationStates({ parentIds: [999] }, db);

  expect(details.size).toBe(0);
  expect(states.size).toBe(0);
});

test("resend allowed per state", () => {
  expect(canResendInvitation({ state: "failed", lastError: "x", retrying: true })).toBe(true);
  expect(canResendInvitation({ state: "expired" })).toBe(true);
  expect(canResendInvitation({ state: "sent" })).toBe(true);
  expect(canResendInvitation({ state: "not_sent" })).toBe(true);
  expect(canResendInvitation({ state: "queued" })).toBe(false);
  expect(canResendInvitation({ state: "accepted" })).toBe(false);
  expect(canResendInvitation({ state: "not_invited" })).toBe(false);
});
