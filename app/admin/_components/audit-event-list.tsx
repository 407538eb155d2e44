import Link from "next/link";
import { textLinkClass } from "@/app/admin/_components/styles";
import { formatDateTime } from "@/app/admin/_lib/format";
import { auditActionLabels, describeFieldChanges } from "@/lib/audit/labels";
import type { AuditEvent, AuditSubjectNames } from "@/lib/audit/queries";
import type { AuditAction } from "@/lib/audit/record";

/** Collects the parent, student and user ids that `events` point at, for getAuditSubjectNames. */
export function subjectIdsOf(events: AuditEvent[]) {
  const ids = (pick: (event: AuditEvent) => number | null) =>
    events.map(pick).filter((id): id is number => id !== null);
  return {
    parentIds: ids((event) => event.parentId),
    studentIds: ids((event) => event.studentId),
    userIds: ids((event) => event.userId),
  };
}

function SubjectLink({
  kind,
  id,
  names,
}: {
  kind: "parent" | "student" | "user";
  id: number;
  names: Map<number, string>;
}) {
  const label = { parent: "Parent", student: "Student", user: "User" }[kind];
  const name = names.get(id);
  return (
    <li>
      {label}:{" "}
      {name === undefined ? (
        <span>
          {kind} {id} (deleted)
        </span>
      ) : (
        <Link href={`/admin/${kind}s/${id}`} className={`${textLinkClass} [overflow-wrap:anywhere]`}>
          {name}
        </Link>
      )}
    </li>
  );
}

function FieldChanges({ event }: { event: AuditEvent }) {
  const changes = describeFieldChanges(event, (date) => formatDateTime(date));
  if (changes.length === 0) return null;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
      {changes.map((change) => (
        <div key={change.field} className="contents">
          <dt className="font-medium text-zinc-700">{change.label}</dt>
          <dd className="[overflow-wrap:anywhere]">
            <span className={change.before === null ? "text-zinc-600 italic" : undefined}>
              {change.before ?? "none"}
            </span>
            <span aria-hidden="true"> → </span>
            <span className="sr-only"> changed to </span>
            <span className={change.after === null ? "text-zinc-600 italic" : undefined}>
              {change.after ?? "none"}
            </span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function actionLabel(action: string): string {
  return auditActionLabels[action as AuditAction] ?? action;
}

/** Renders audit events as a list, each with when, who, what, the records it is about and its field changes. */
export function AuditEventList({
  events,
  names,
  label,
}: {
  events: AuditEvent[];
  names: AuditSubjectNames;
  label: string;
}) {
  return (
    <ol aria-label={label} className="flex flex-col gap-3">
      {events.map((event) => (
        <li key={event.id} className="flex flex-col gap-2 rounded-md border border-zinc-200 bg-white p-3">
          <p className="font-medium [overflow-wrap:anywhere]">{event.summary}</p>
          <p className="text-sm text-zinc-700">
            <time dateTime={event.createdAt.toISOString()}>{formatDateTime(event.createdAt)}</time>
            {" · by "}
            <span className="[overflow-wrap:anywhere]">{event.actorName}</span>
            {" · "}
            {actionLabel(event.action)}
          </p>
          {event.parentId !== null || event.studentId !== null || event.userId !== null ? (
            <ul aria-label="About" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
              {event.parentId !== null ? (
                <SubjectLink kind="parent" id={event.parentId} names={names.parents} />
              ) : null}
              {event.studentId !== null ? (
                <SubjectLink kind="student" id={event.studentId} names={names.students} />
              ) : null}
              {event.userId !== null ? (
                <SubjectLink kind="user" id={event.userId} names={names.users} />
              ) : null}
            </ul>
          ) : null}
          <FieldChanges event={event} />
        </li>
      ))}
    </ol>
  );
}
