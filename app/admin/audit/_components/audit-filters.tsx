import Form from "next/form";
import Link from "next/link";
import { FilterSearchField } from "@/app/admin/_components/search-form";
import { filterControlClass, textLinkClass } from "@/app/admin/_components/styles";
import { auditActionGroups, auditActionLabels } from "@/lib/audit/labels";
import type { AuditFilters } from "@/lib/audit/queries";
import { auditHref, hasAuditFilters } from "../_lib/audit-params";

const labelClass = "text-sm font-medium text-zinc-800";

/** A parent, student or user filter that a link set, shown with its name and a way to drop it. */
export type RecordFilter = {
  param: "parent" | "student" | "user";
  kindLabel: string;
  id: number;
  name: string | null;
  without: AuditFilters;
};

function RecordFilterChips({ records }: { records: RecordFilter[] }) {
  if (records.length === 0) return null;
  return (
    <ul aria-label="Record filters" className="flex basis-full flex-wrap gap-2 text-sm">
      {records.map((record) => (
        <li
          key={record.param}
          className="flex flex-wrap items-center gap-2 rounded-md border border-zinc-300 bg-zinc-50 px-3 py-1"
        >
          <input type="hidden" name={record.param} value={record.id} />
          <span className="[overflow-wrap:anywhere]">
            {record.kindLabel}: {record.name ?? `${record.kindLabel.toLowerCase()} ${record.id} (deleted)`}
          </span>
          <Link
            href={auditHref(record.without)}
            className={textLinkClass}
            aria-label={`Remove the ${record.kindLabel.toLowerCase()} filter`}
          >
            Remove
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** Renders the GET form that filters the audit trail; parent, student and user filters come from links. */
export function AuditFiltersForm({
  filters,
  records,
  actors,
}: {
  filters: AuditFilters;
  records: RecordFilter[];
  actors: { id: number; name: string }[];
}) {
  return (
    <Form action="/admin/audit" role="search" aria-label="Filter history" className="flex flex-wrap items-end gap-3">
      <RecordFilterChips records={records} />
      <FilterSearchField id="audit-q" label="Search summaries" defaultValue={filters.search} basisClass="sm:basis-56" />
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor="audit-action" className={labelClass}>
          Action
        </label>
        <select id="audit-action" name="action" defaultValue={filters.action ?? ""} className={`${filterControlClass} max-w-full`}>
          <option value="">Any action</option>
          {auditActionGroups.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.actions.map((action) => (
                <option key={action} value={action}>
                  {auditActionLabels[action]}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor="audit-actor" className={labelClass}>
          Made by
        </label>
        <select
          id="audit-actor"
          name="actor"
          defaultValue={filters.actor === undefined ? "" : String(filters.actor)}
          className={`${filterControlClass} max-w-full`}
        >
          <option value="">Anyone</option>
          <option value="system">System and public forms</option>
          {actors.map((actor) => (
            <option key={actor.id} value={actor.id}>
              {actor.name}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-from" className={labelClass}>
          From
        </label>
        <input id="audit-from" name="from" type="date" defaultValue={filters.from} className={filterControlClass} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-to" className={labelClass}>
          To
        </label>
        <input id="audit-to" name="to" type="date" defaultValue={filters.to} className={filterControlClass} />
      </div>
      <button
        type="submit"
        className="inline-flex min-h-10 items-center rounded-md border border-zinc-300 bg-white px-4 py-2 text-sm font-medium hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-blue-700"
      >
        Show events
      </button>
      {hasAuditFilters(filters) ? (
        <Link href="/admin/audit" className="inline-flex min-h-10 items-center px-2 text-sm text-blue-700 underline">
          Clear filters
        </Link>
      ) : null}
    </Form>
  );
}
