import Link from "next/link";
import { sectionClass, textLinkClass } from "@/app/admin/_components/styles";
import { auditHref } from "@/app/admin/audit/_lib/audit-params";
import { getAuditSubjectNames, getRecentAuditEvents } from "@/lib/audit/queries";
import { AuditEventList, subjectIdsOf } from "./audit-event-list";

type HistorySubject = { parentId: number } | { studentId: number } | { userId: number };

/**
 * Renders the "History" section of a parent, student or user page: the five
 * newest audit events about that record and a link to all of them. It runs
 * at most four queries.
 */
export async function AuditHistory({ subject, name }: { subject: HistorySubject; name: string }) {
  const events = await getRecentAuditEvents(subject);
  const names = await getAuditSubjectNames(subjectIdsOf(events));
  return (
    <section aria-labelledby="history-heading" className={sectionClass}>
      <h2 id="history-heading" className="text-lg font-semibold">
        History
      </h2>
      {events.length > 0 ? (
        <AuditEventList events={events} names={names} label={`Latest changes to ${name}`} />
      ) : (
        <p className="text-sm text-zinc-700">
          No change to {name} has been recorded yet. Links, portal users, invitations and archiving show
          up here.
        </p>
      )}
      <p>
        <Link href={auditHref(subject)} className={textLinkClass}>
          See full history
        </Link>
      </p>
    </section>
  );
}
