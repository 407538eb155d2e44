import { aliasedTable, and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Executor, Transaction } from "@/db/client";
import { parentStudents, parents, students, userChildren, users } from "@/db/schema";
import { recordAudit, type AuditEventInput } from "@/lib/audit/record";

/** A child that a parent user gained or lost, with the names at the time. */
export type ChildChange = {
  change: "added" | "removed";
  parentUserId: number;
  parentUserName: string;
  parentLogin: string;
  childUserId: number;
  childName: string;
  /** The student whose portal user the child is, or null when none is. */
  studentId: number | null;
};

type ChildPair = Omit<ChildChange, "change">;

/**
 * Recomputes child_ids for the given parent users from the source of truth:
 * the portal users of the active students linked to any active parent record
 * that uses that account (several parents may share one account).
 *
 * Call it inside the transaction that made the change, with every parent user
 * the change may affect, before and after. It records child.added and
 * child.removed for each pair that changed, unless `record` is false, and
 * returns those changes. It runs five statements however many users are
 * passed (the pairs are read before and after the rewrite, and the audit
 * events go in one insert), plus one insert per further 500 changed pairs.
 */
export async function syncChildIds(
  tx: Transaction,
  parentUserIds: Iterable<number | null | undefined>,
  { record = true }: { record?: boolean } = {},
): Promise<ChildChange[]> {
  const ids = [...new Set(parentUserIds)].filter(
    (id): id is number => typeof id === "number",
  );
  if (ids.length === 0) return [];
  const before = await readChildPairs(tx, ids);
  await tx.delete(userChildren).where(inArray(userChildren.parentUserId, ids));
  await tx.run(sql`
    INSERT INTO ${userChildren} (parent_user_id, child_user_id)
    SELECT DISTINCT ${parents.userId}, ${students.userId}
    FROM ${parents}
    JOIN ${parentStudents} ON ${parentStudents.parentId} = ${parents.id}
    JOIN ${students} ON ${students.id} = ${parentStudents.studentId}
    WHERE ${inArray(parents.userId, ids)}
      AND ${parents.active} = 1
      AND ${students.active} = 1
      AND ${students.userId} IS NOT NULL
      AND ${students.userId} <> ${parents.userId}
  `);
  const after = await readChildPairs(tx, ids);
  const changes = diffChildPairs(before, after);
  if (record) await recordAudit(tx, childChangeEvents(changes));
  return changes;
}

const childUsers = aliasedTable(users, "child_users");

/** Reads the stored child_ids pairs of the given parent users, with names, in one query. */
async function readChildPairs(tx: Transaction, parentUserIds: number[]): Promise<ChildPair[]> {
  return tx
    .select({
      parentUserId: userChildren.parentUserId,
      parentUserName: users.name,
      parentLogin: users.login,
      childUserId: userChildren.childUserId,
      childName: childUsers.name,
      studentId: students.id,
    })
    .from(userChildren)
    .innerJoin(users, eq(users.id, userChildren.parentUserId))
    .innerJoin(childUsers, eq(childUsers.id, userChildren.childUserId))
    .leftJoin(students, eq(students.userId, userChildren.childUserId))
    .where(inArray(userChildren.parentUserId, parentUserIds));
}

function pairKey(pair: ChildPair): string {
  return `${pair.parentUserId}:${pair.childUserId}`;
}

function diffChildPairs(before: ChildPair[], after: ChildPair[]): ChildChange[] {
  const beforeKeys = new Set(before.map(pairKey));
  const afterKeys = new Set(after.map(pairKey));
  return [
    ...before
      .filter((pair) => !afterKeys.has(pairKey(pair)))
      .map((pair) => ({ ...pair, change: "removed" as const })),
    ...after
      .filter((pair) => !beforeKeys.has(pairKey(pair)))
      .map((pair) => ({ ...pair, change: "added" as const })),
  ];
}

/** Builds the child.added and child.removed audit events of `changes`. */
export function childChangeEvents(changes: ChildChange[]): AuditEventInput[] {
  return changes.map((change) => {
    const added = change.change === "added";
    const account = `${change.parentUserName} (${change.parentLogin})`;
    return {
      action: added ? "child.added" : "child.removed",
      summary: added
        ? `Portal user ${account} can now see ${change.childName}`
        : `Portal user ${account} can no longer see ${change.childName}`,
      userId: change.parentUserId,
      studentId: change.studentId,
      before: added ? null : { child: change.childName },
      after: added ? { child: change.childName } : null,
    };
  });
}

/** Returns the portal users of the parents linked to any of the given students. */
export async function getParentUserIdsOfStudents(
  db: Executor,
  studentIds: number[],
): Promise<number[]> {
  if (studentIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ userId: parents.userId })
    .from(parentStudents)
    .innerJoin(parents, eq(parents.id, parentStudents.parentId))
    .where(
      and(inArray(parentStudents.studentId, studentIds), isNotNull(parents.userId)),
    );
  return rows.map((row) => row.userId!);
}

/** Returns the portal users of the given parent records. */
export async function getUserIdsOfParents(
  db: Executor,
  parentIds: number[],
): Promise<number[]> {
  if (parentIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ userId: parents.userId })
    .from(parents)
    .where(and(inArray(parents.id, parentIds), isNotNull(parents.userId)));
  return rows.map((row) => row.userId!);
}
