import { eq } from "drizzle-orm";
import { writeTransaction, type Database, type Transaction } from "@/db/client";
import { contacts, parents, users } from "@/db/schema";
import { childChangeEvents, syncChildIds, type ChildChange } from "@/lib/access/child-sync";
import { recordAudit } from "@/lib/audit/record";
import { queueInvitation } from "@/lib/invitations";
import { normalizeLogin } from "@/lib/login";
import { isUniqueViolation } from "@/lib/sqlite-errors";

export type ExistingAccount = {
  id: number;
  name: string;
  login: string;
  kind: "parent" | "student" | "staff" | "portal";
};

export type CreateParentUserResult =
  | { status: "created"; userId: number; login: string; outboxId: number }
  | { status: "linked"; userId: number; login: string }
  | { status: "already_has_user"; userId: number; login: string }
  | { status: "parent_not_found" }
  | { status: "no_email" }
  | { status: "invalid_email"; message: string }
  | { status: "login_exists"; login: string; account: ExistingAccount; canShare: boolean };

async function describeAccount(
  tx: Transaction,
  user: typeof users.$inferSelect,
): Promise<ExistingAccount> {
  let kind: ExistingAccount["kind"] = "portal";
  if (user.role === "manager") kind = "staff";
  else if (user.isParent) kind = "parent";
  else {
    const student = await tx.query.students.findFirst({
      where: (s, { eq }) => eq(s.userId, user.id),
      columns: { id: true },
    });
    if (student) kind = "student";
  }
  return { id: user.id, name: user.name, login: user.login, kind };
}

/**
 * Creates the portal user of a parent record: login = the parent's normalised
 * email (else the contact's), is_parent set, child_ids = the users of the
 * parent's active students, and an invitation email queued. All of it is one
 * transaction, so a failure leaves nothing behind.
 *
 * When the login already exists the account is named and nothing is written.
 * If that account is another parent's portal account, calling again with
 * `shareUserId` set to its id links this parent to it instead. Staff and
 * student accounts are never reused.
 */
export async function createParentUser(
  db: Database,
  input: { parentId: number; shareUserId?: number },
  now = new Date(),
): Promise<CreateParentUserResult> {
  try {
    return await writeTransaction(db, (tx) => createParentUserInTransaction(tx, input, now));
  } catch (error) {
    // Another process created the same login between our check and insert.
    if (!isUniqueViolation(error)) throw error;
    return writeTransaction(db, (tx) => createParentUserInTransaction(tx, input, now));
  }
}

/**
 * Does the work of createParentUser in the caller's transaction, so a bulk job
 * can commit the new user and its own bookkeeping together. The caller must
 * hold a write transaction, so no other writer can take the login meanwhile.
 */
export async function createParentUserInTransaction(
  tx: Transaction,
  { parentId, shareUserId }: { parentId: number; shareUserId?: number },
  now: Date,
): Promise<CreateParentUserResult> {
  const [parent] = await tx
    .select({
      id: parents.id,
      email: parents.email,
      userId: parents.userId,
      contactId: contacts.id,
      contactName: contacts.name,
      contactEmail: contacts.email,
    })
    .from(parents)
    .innerJoin(contacts, eq(contacts.id, parents.contactId))
    .where(eq(parents.id, parentId));
  if (!parent) return { status: "parent_not_found" };

  if (parent.userId !== null) {
    const user = await tx.query.users.findFirst({ where: eq(users.id, parent.userId) });
    return { status: "already_has_user", userId: parent.userId, login: user?.login ?? "" };
  }

  const email = parent.email?.trim() || parent.contactEmail?.trim();
  if (!email) return { status: "no_email" };
  const normalized = normalizeLogin(email);
  if (!normalized.ok) return { status: "invalid_email", message: normalized.message };
  const login = normalized.login;

  const existing = await tx.query.users.findFirst({ where: eq(users.login, login) });
  if (existing) {
    const account = await describeAccount(tx, existing);
    const canShare = account.kind === "parent" && existing.active;
    if (canShare && shareUserId === existing.id) {
      await tx.update(parents).set({ userId: existing.id }).where(eq(parents.id, parentId));
      const changes = await syncChildIds(tx, [existing.id], { record: false });
      await recordAudit(tx, [
        {
          action: "user.linked",
          summary: `Linked parent ${parent.contactName} to the existing portal user ${login} (${existing.name})`,
          userId: existing.id,
          parentId,
          before: { portalUser: null },
          after: { portalUser: login, childrenAdded: childNames(changes) },
        },
        ...childChangeEvents(changes),
      ]);
      return { status: "linked", userId: existing.id, login };
    }
    return { status: "login_exists", login, account, canShare };
  }

  const [user] = await tx
    .insert(users)
    .values({
      login,
      name: parent.contactName,
      contactId: parent.contactId,
      role: "portal",
      isParent: true,
      createdAt: now,
    })
    .returning({ id: users.id });
  await tx.update(parents).set({ userId: user.id }).where(eq(parents.id, parentId));
  const changes = await syncChildIds(tx, [user.id], { record: false });
  await recordAudit(tx, [
    {
      action: "user.created",
      summary: `Created portal user ${login} for ${parent.contactName}`,
      userId: user.id,
      parentId,
      before: null,
      after: {
        login,
        isParent: true,
        children: changes.map((change) => ({ userId: change.childUserId, name: change.childName })),
      },
    },
    ...childChangeEvents(changes),
  ]);
  const outboxId = await queueInvitation(tx, user.id, now);
  return { status: "created", userId: user.id, login, outboxId };
}

function childNames(changes: ChildChange[]): string[] {
  return changes.filter((change) => change.change === "added").map((change) => change.childName);
}
