import { and, eq, inArray, or, type SQL } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { contacts, parentStudents, parents, students, type Relationship } from "@/db/schema";
import type { AuditEventInput } from "./record";

/** A parent–student link with both names, as read before or after a change. */
export type LinkRow = {
  parentId: number;
  parentName: string;
  studentId: number;
  studentName: string;
  relationship: Relationship;
};

/**
 * Reads the links of the given parents or students (or of exact pairs) with
 * names, in one query. Call it before and after a change inside the same
 * transaction, then pass both to linkChangeEvents.
 */
export async function readLinks(
  tx: Transaction,
  scope: { parentIds?: number[]; studentIds?: number[]; pair?: { parentId: number; studentId: number } },
): Promise<LinkRow[]> {
  const conditions: SQL[] = [];
  if (scope.parentIds?.length) conditions.push(inArray(parentStudents.parentId, scope.parentIds));
  if (scope.studentIds?.length) conditions.push(inArray(parentStudents.studentId, scope.studentIds));
  if (scope.pair) {
    conditions.push(
      and(
        eq(parentStudents.parentId, scope.pair.parentId),
        eq(parentStudents.studentId, scope.pair.studentId),
      )!,
    );
  }
  if (conditions.length === 0) return [];
  return tx
    .select({
      parentId: parentStudents.parentId,
      parentName: contacts.name,
      studentId: parentStudents.studentId,
      studentName: students.name,
      relationship: parentStudents.relationship,
    })
    .from(parentStudents)
    .innerJoin(parents, eq(parents.id, parentStudents.parentId))
    .innerJoin(contacts, eq(contacts.id, parents.contactId))
    .innerJoin(students, eq(students.id, parentStudents.studentId))
    .where(or(...conditions));
}

function linkKey(link: { parentId: number; studentId: number }): string {
  return `${link.parentId}:${link.studentId}`;
}

/** Builds link.added, link.removed and link.changed events from the links before and after a change. */
export function linkChangeEvents(before: LinkRow[], after: LinkRow[]): AuditEventInput[] {
  const beforeByKey = new Map(before.map((link) => [linkKey(link), link]));
  const afterKeys = new Set(after.map(linkKey));
  const events: AuditEventInput[] = [];
  for (const link of before) {
    if (afterKeys.has(linkKey(link))) continue;
    events.push({
      action: "link.removed",
      summary: `Unlinked parent ${link.parentName} from student ${link.studentName}`,
      parentId: link.parentId,
      studentId: link.studentId,
      before: { relationship: link.relationship },
      after: null,
    });
  }
  for (const link of after) {
    const old = beforeByKey.get(linkKey(link));
    if (!old) {
      events.push({
        action: "link.added",
        summary: `Linked parent ${link.parentName} to student ${link.studentName} as ${link.relationship}`,
        parentId: link.parentId,
        studentId: link.studentId,
        before: null,
        after: { relationship: link.relationship },
      });
    } else if (old.relationship !== link.relationship) {
      events.push({
        action: "link.changed",
        summary: `Changed parent ${link.parentName}'s relationship to student ${link.studentName} from ${old.relationship} to ${link.relationship}`,
        parentId: link.parentId,
        studentId: link.studentId,
        before: { relationship: old.relationship },
        after: { relationship: link.relationship },
      });
    }
  }
  return events;
}
