import { eq, inArray } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { contacts, parents, students } from "@/db/schema";
import type { AuditEventInput } from "./record";

/** A parent or student record's name and state, read before or after a change. */
export type RecordState = { id: number; name: string; active: boolean };

/** Reads the name and active flag of parent records in one query. */
export function readParentStates(tx: Transaction, parentIds: number[]): Promise<RecordState[]> {
  if (parentIds.length === 0) return Promise.resolve([]);
  return tx
    .select({ id: parents.id, name: contacts.name, active: parents.active })
    .from(parents)
    .innerJoin(contacts, eq(contacts.id, parents.contactId))
    .where(inArray(parents.id, parentIds));
}

/** Reads the name and active flag of student records in one query. */
export function readStudentStates(tx: Transaction, studentIds: number[]): Promise<RecordState[]> {
  if (studentIds.length === 0) return Promise.resolve([]);
  return tx
    .select({ id: students.id, name: students.name, active: students.active })
    .from(students)
    .where(inArray(students.id, studentIds));
}

type RecordKind = "parent" | "student";

function subject(kind: RecordKind, id: number): Pick<AuditEventInput, "parentId" | "studentId"> {
  return kind === "parent" ? { parentId: id } : { studentId: id };
}

/**
 * Builds parent.archived / parent.restored (or the student ones) for the
 * records whose active flag differs from `active`. Records already in that
 * state get no event.
 */
export function activeChangeEvents(
  kind: RecordKind,
  before: RecordState[],
  active: boolean,
): AuditEventInput[] {
  return before
    .filter((record) => record.active !== active)
    .map((record) => ({
      action: `${kind}.${active ? "restored" : "archived"}` as const,
      summary: `${active ? "Restored" : "Archived"} ${kind} ${record.name}`,
      ...subject(kind, record.id),
      before: { active: record.active },
      after: { active },
    }));
}

/** Builds parent.deleted or student.deleted for each record that existed. */
export function deleteEvents(kind: RecordKind, before: RecordState[]): AuditEventInput[] {
  return before.map((record) => ({
    action: `${kind}.deleted` as const,
    summary: `Deleted ${kind} ${record.name}`,
    ...subject(kind, record.id),
    before: { name: record.name, active: record.active },
    after: null,
  }));
}
