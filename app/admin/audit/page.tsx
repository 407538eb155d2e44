import type { Metadata } from "next";
import Link from "next/link";
import { AuditEventList, subjectIdsOf } from "@/app/admin/_components/audit-event-list";
import { textLinkClass } from "@/app/admin/_components/styles";
import { matchVerb } from "@/app/admin/_lib/format";
import { requireManager } from "@/lib/auth/session";
import {
  getAuditActors,
  getAuditEvents,
  getAuditSubjectNames,
  type AuditFilters,
  type AuditPage,
} from "@/lib/audit/queries";
import { AuditFiltersForm, type RecordFilter } from "./_components/audit-filters";
import { auditHref, hasAuditFilters, parseAuditParams } from "./_lib/audit-params";

export const metadata: Metadata = { title: "History" };

function Pagination({ page, filters }: { page: AuditPage; filters: AuditFilters }) {
  if (page.newerThan === null && page.olderThan === null) return null;
  return (
    <nav aria-label="History pages" className="flex flex-wrap items-center gap-4 text-sm">
      {page.newerThan !== null ? (
        <>
          <Link href={auditHref(filters)} className={textLinkClass}>
            Newest events
          </Link>
          <Link href={auditHref(filters, { after: page.newerThan })} className={textLinkClass}>
            Newer events
          </Link>
        </>
      ) : null}
      {page.olderThan !== null ? (
        <Link href={auditHref(filters, { before: page.olderThan })} className={textLinkClass}>
          Older events
        </Link>
      ) : null}
    </nav>
  );
}

/** Lists the parent, student and user filters with their current names. */
function recordFilters(
  filters: AuditFilters,
  names: Awaited<ReturnType<typeof getAuditSubjectNames>>,
): RecordFilter[] {
  const records: RecordFilter[] = [];
  if (filters.parentId !== undefined) {
    records.push({
      param: "parent",
      kindLabel: "Parent",
      id: filters.parentId,
      name: names.parents.get(filters.parentId) ?? null,
      without: { ...filters, parentId: undefined },
    });
  }
  if (filters.studentId !== undefined) {
    records.push({
      param: "student",
      kindLabel: "Student",
      id: filters.studentId,
      name: names.students.get(filters.studentId) ?? null,
      without: { ...filters, studentId: undefined },
    });
  }
  if (filters.userId !== undefined) {
    records.push({
      param: "user",
      kindLabel: "User",
      id: filters.userId,
      name: names.users.get(filters.userId) ?? null,
      without: { ...filters, userId: undefined },
    });
  }
  return records;
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireManager();
  const { filters, cursor } = parseAuditParams(await searchParams);
  const [page, actors] = await Promise.all([getAuditEvents(filters, cursor), getAuditActors()]);
  const ids = subjectIdsOf(page.events);
  // The filtered records' names come in the same three queries as the rows' names.
  const names = await getAuditSubjectNames({
    parentIds: [...ids.parentIds, ...(filters.parentId !== undefined ? [filters.parentId] : [])],
    studentIds: [...ids.studentIds, ...(filters.studentId !== undefined ? [filters.studentId] : [])],
    userIds: [...ids.userIds, ...(filters.userId !== undefined ? [filters.userId] : [])],
  });
  const filtered = hasAuditFilters(filters);
  const paged = cursor.before !== undefined || cursor.after !== undefined;

  return (
    <>
      <h1 className="text-2xl font-semibold">History</h1>
      <p className="text-sm text-zinc-700">
        Every change to portal users, links between parents and students, invitations and passwords, newest
        first. Times are in the school&apos;s time zone.
      </p>
      <AuditFiltersForm filters={filters} records={recordFilters(filters, names)} actors={actors} />
      <p role="status" className="text-sm text-zinc-700">
        {page.events.length === 1 ? "1 event" : `${page.events.length} events`} on this page
        {filtered ? ` ${matchVerb(page.events.length)} these filters.` : "."}
      </p>
      {page.events.length > 0 ? (
        <>
          <AuditEventList events={page.events} names={names} label="Events, newest first" />
          <Pagination page={page} filters={filters} />
        </>
      ) : (
        <>
          <p className="rounded-md border border-dashed border-zinc-300 bg-white p-6 text-zinc-700">
            {filtered
              ? "No event matches these filters. Widen the dates, choose another action or click Clear filters."
              : "Nothing has been recorded yet. Changes to portal users, links and invitations appear here as managers make them."}
          </p>
          {paged ? <Pagination page={page} filters={filters} /> : null}
        </>
      )}
    </>
  );
}
