import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Executor, Transaction } from "@/db/client";
import { parentStudents, parents, students, userChildren } from "@/db/schema";

/**
 * Recomputes child_ids for the given parent users from the source of truth:
 * the portal users of the active students linked to any active parent record
 * that uses that account (several parents may share one account).
 *
 * Call it inside the transaction that made the change, with every parent user
 * the change may affect, before and after. It runs two statements however
 * many users are passed.
 */
export async function syncChildIds(
  tx: Transaction,
  parentUserIds: Iterable<number | null | undefined>,
): Promise<void> {
  const ids = [...new Set(parentUserIds)].filter(
    (id): id is number => typeof id === "number",
  );
  if (ids.length === 0) return;
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
