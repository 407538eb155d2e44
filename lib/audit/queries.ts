import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { auditEvents, contacts, parents, students, users } from "@/db/schema";
import type { AuditAction } from "./record";
import { nextSchoolDate, startOfSchoolDay } from "./school-day";

export const AUDIT_PAGE_SIZE = 50;
export const RECENT_AUDIT_EVENTS = 5;

/**
 * Filters of the audit trail. `parentId` and `studentId` match events about
 * the record and events about its current portal user, such as a password
 * set or an invitation sent. Dates are school dates (YYYY-MM-DD), inclusive.
 */
export type AuditFilters = {
  parentId?: number;
  studentId?: number;
  userId?: number;
  action?: AuditAction;
  /** A manager's user id, or "system" for events without a signed-in author. */
  actor?: number | "system";
  from?: string;
  to?: string;
  search?: string;
};

/** The start of a page: below an id (older events) or above one (newer events). */
export type AuditCursor = { before?: number; after?: number };

export type AuditEvent = typeof auditEvents.$inferSelect;

export type AuditPage = {
  events: AuditEvent[];
  /** The cursor of the page of newer events, or null when this page starts at the newest. */
  newerThan: number | null;
  /** The cursor of the page of older events, or null when none are older. */
  olderThan: number | null;
};

/** Escapes LIKE wildcards so the search text matches literally. */
function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

function parentCondition(parentId: number): SQL {
  return or(
    eq(auditEvents.parentId, parentId),
    inArray(
      auditEvents.userId,
      sql`(SELECT ${parents.userId} FROM ${parents} WHERE ${parents.id} = ${parentId})`,
    ),
  )!;
}

function studentCondition(studentId: number): SQL {
  return or(
    eq(auditEvents.studentId, studentId),
    inArray(
      auditEvents.userId,
      sql`(SELECT ${students.userId} FROM ${students} WHERE ${students.id} = ${studentId})`,
    ),
  )!;
}

/** Builds the WHERE clause of `filters`; undefined matches every event. */
export function auditFilterCondition(filters: AuditFilters): SQL | undefined {
  const { parentId, studentId, userId, action, actor, from, to, search } = filters;
  let actorCondition: SQL | undefined;
  if (actor === "system") actorCondition = isNull(auditEvents.actorUserId);
  else if (actor !== undefined) actorCondition = eq(auditEvents.actorUserId, actor);
  return and(
    parentId !== undefined ? parentCondition(parentId) : undefined,
    studentId !== undefined ? studentCondition(studentId) : undefined,
    userId !== undefined ? eq(auditEvents.userId, userId) : undefined,
    action ? eq(auditEvents.action, action) : undefined,
    actorCondition,
    from ? gte(auditEvents.createdAt, startOfSchoolDay(from)) : undefined,
    to ? lt(auditEvents.createdAt, startOfSchoolDay(nextSchoolDate(to))) : undefined,
    // NOTE: SQLite's LIKE ignores case for ASCII letters only.
    search ? sql`${auditEvents.summary} LIKE ${likePattern(search)} ESCAPE '\\'` : undefined,
  );
}

/**
 * Returns one page of audit events matching `filters`, newest first, with
 * keyset paging on the id: `before` gives the older page below an id and
 * `after` the newer page above one. It runs one query, reading one row more
 * than a page to learn whether another page follows.
 */
export async function getAuditEvents(
  filters: AuditFilters,
  cursor: AuditCursor = {},
  db: Executor = getDb(),
): Promise<AuditPage> {
  const where = auditFilterCondition(filters);
  if (cursor.after !== undefined) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(where, gt(auditEvents.id, cursor.after)))
      .orderBy(asc(auditEvents.id))
      .limit(AUDIT_PAGE_SIZE + 1);
    const more = rows.length > AUDIT_PAGE_SIZE;
    const events = rows.slice(0, AUDIT_PAGE_SIZE).reverse();
    return {
      events,
      newerThan: more && events.length > 0 ? events[0].id : null,
      olderThan: events.length > 0 ? events[events.length - 1].id : cursor.after + 1,
    };
  }
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(where, cursor.before !== undefined ? lt(auditEvents.id, cursor.before) : undefined))
    .orderBy(desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  const more = rows.length > AUDIT_PAGE_SIZE;
  const events = rows.slice(0, AUDIT_PAGE_SIZE);
  return {
    events,
    newerThan: cursor.before === undefined ? null : (events[0]?.id ?? cursor.before - 1),
    olderThan: more ? events[events.length - 1].id : null,
  };
}

/** Returns the newest events about one parent, student or user, for its page's History section. */
export function getRecentAuditEvents(
  subject: Pick<AuditFilters, "parentId" | "studentId" | "userId">,
  db: Executor = getDb(),
): Promise<AuditEvent[]> {
  return db
    .select()
    .from(auditEvents)
    .where(auditFilterCondition(subject))
    .orderBy(desc(auditEvents.id))
    .limit(RECENT_AUDIT_EVENTS);
}

/** Names of the parents, students and users that audit events point at, by id. */
export type AuditSubjectNames = {
  parents: Map<number, string>;
  students: Map<number, string>;
  users: Map<number, string>;
};

/**
 * Reads the current names of the given parents, students and users in three
 * queries. A deleted record has no entry, and the event's summary still names
 * it as it was.
 */
export async function getAuditSubjectNames(
  ids: { parentIds: number[]; studentIds: number[]; userIds: number[] },
  db: Executor = getDb(),
): Promise<AuditSubjectNames> {
  const unique = (values: number[]) => [...new Set(values)];
  const [parentRows, studentRows, userRows] = await Promise.all([
    ids.parentIds.length
      ? db
          .select({ id: parents.id, name: contacts.name })
          .from(parents)
          .innerJoin(contacts, eq(contacts.id, parents.contactId))
          .where(inArray(parents.id, unique(ids.parentIds)))
      : [],
    ids.studentIds.length
      ? db
          .select({ id: students.id, name: students.name })
          .from(students)
          .where(inArray(students.id, unique(ids.studentIds)))
      : [],
    ids.userIds.length
      ? db
          .select({ id: users.id, name: users.login })
          .from(users)
          .where(inArray(users.id, unique(ids.userIds)))
      : [],
  ]);
  const toMap = (rows: { id: number; name: string }[]) => new Map(rows.map((row) => [row.id, row.name]));
  return { parents: toMap(parentRows), students: toMap(studentRows), users: toMap(userRows) };
}

/** Returns the managers, who are the signed-in authors the actor filter offers, sorted by name. */
export function getAuditActors(db: Executor = getDb()): Promise<{ id: number; name: string }[]> {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.role, "manager"))
    .orderBy(asc(users.name), asc(users.id));
}
