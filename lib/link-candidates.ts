import { and, asc, eq, notExists, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { contacts, parentStudents, parents, students } from "@/db/schema";
import { likePattern } from "@/lib/users/queries";

/** The maximum number of records a link picker lists at once. */
export const LINK_CANDIDATE_LIMIT = 25;

/** One record offered in a link picker. */
export type LinkCandidate = { id: number; name: string; email: string | null };

/** The records listed in a link picker and how many records match in all. */
export type LinkCandidates = { candidates: LinkCandidate[]; total: number };

// NOTE: SQLite's LIKE ignores case for ASCII letters only, so "élodie" does
// not find "Élodie". The pickers accept that so each search stays one bounded
// statement on schools with tens of thousands of records.
function containsAny(search: string, columns: SQL[]): SQL | undefined {
  if (!search) return undefined;
  const pattern = likePattern(search);
  return or(...columns.map((column) => sql`${column} LIKE ${pattern} ESCAPE '\\'`));
}

function toCandidates(
  rows: { id: number; name: string; email: string | null; total: number }[],
): LinkCandidates {
  return {
    candidates: rows.map(({ id, name, email }) => ({ id, name, email })),
    total: rows[0]?.total ?? 0,
  };
}

/**
 * Returns up to `limit` parents not yet linked to the student, whose name or
 * email contains `search` (any parent when it is empty), sorted by name, and
 * how many parents match in all. One statement: the total is a window count
 * taken before LIMIT.
 */
export async function findParentsToLink(
  { studentId, search, limit = LINK_CANDIDATE_LIMIT }: { studentId: number; search: string; limit?: number },
  db: Executor = getDb(),
): Promise<LinkCandidates> {
  const alreadyLinked = db
    .select({ one: sql`1` })
    .from(parentStudents)
    .where(and(eq(parentStudents.parentId, parents.id), eq(parentStudents.studentId, studentId)));
  const rows = await db
    .select({
      id: parents.id,
      name: contacts.name,
      email: sql<string | null>`coalesce(nullif(${parents.email}, ''), ${contacts.email})`,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(parents)
    .innerJoin(contacts, eq(contacts.id, parents.contactId))
    .where(
      and(
        notExists(alreadyLinked),
        containsAny(search, [sql`${contacts.name}`, sql`${parents.email}`, sql`${contacts.email}`]),
      ),
    )
    .orderBy(asc(contacts.name), asc(parents.id))
    .limit(limit);
  return toCandidates(rows);
}

/**
 * Returns up to `limit` students not yet linked to the parent, whose name or
 * email contains `search` (any student when it is empty), sorted by name, and
 * how many students match in all. One statement, like findParentsToLink.
 */
export async function findStudentsToLink(
  { parentId, search, limit = LINK_CANDIDATE_LIMIT }: { parentId: number; search: string; limit?: number },
  db: Executor = getDb(),
): Promise<LinkCandidates> {
  const alreadyLinked = db
    .select({ one: sql`1` })
    .from(parentStudents)
    .where(and(eq(parentStudents.studentId, students.id), eq(parentStudents.parentId, parentId)));
  const rows = await db
    .select({
      id: students.id,
      name: students.name,
      email: students.email,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(students)
    .where(
      and(
        notExists(alreadyLinked),
        containsAny(search, [sql`${students.name}`, sql`${students.email}`]),
      ),
    )
    .orderBy(asc(students.name), asc(students.id))
    .limit(limit);
  return toCandidates(rows);
}
