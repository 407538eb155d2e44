import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { EmailCaptureNote } from "@/app/admin/_components/email-capture-note";
import {
  cellClass,
  filterControlClass,
  headerCellClass,
  tableClass,
  tableWrapperClass,
  textLinkClass,
} from "@/app/admin/_components/styles";
import { formatDateTime } from "@/app/admin/_lib/format";
import { parseRouteId, parseSearchQuery } from "@/app/admin/_lib/route-params";
import { emailStatuses, type EmailStatus } from "@/db/schema";
import { requireManager } from "@/lib/auth/session";
import {
  getOutboxPage,
  outboxTemplates,
  type OutboxCursor,
  type OutboxFilters,
} from "@/lib/email/list";
import type { OutboxSummary } from "@/lib/email/queries";

export const metadata: Metadata = { title: "Emails" };

type SearchParams = Record<string, string | string[] | undefined>;

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Reads the filters from the query, ignoring a status or template that is not one of the known values. */
function parseFilters(params: SearchParams): OutboxFilters {
  const status = firstValue(params.status);
  const template = firstValue(params.template);
  return {
    recipient: parseSearchQuery(params.recipient),
    status: emailStatuses.includes(status as EmailStatus) ? (status as EmailStatus) : null,
    template: outboxTemplates.some((option) => option.value === template) ? (template ?? null) : null,
  };
}

function parseCursor(params: SearchParams): OutboxCursor {
  const before = parseRouteId(firstValue(params.before) ?? "");
  if (before !== null) return { before };
  const after = parseRouteId(firstValue(params.after) ?? "");
  return after === null ? null : { after };
}

function hasFilters(filters: OutboxFilters): boolean {
  return filters.recipient !== "" || filters.status !== null || filters.template !== null;
}

function emailListHref(filters: OutboxFilters, cursor: OutboxCursor): string {
  const query = new URLSearchParams();
  if (filters.recipient) query.set("recipient", filters.recipient);
  if (filters.status) query.set("status", filters.status);
  if (filters.template) query.set("template", filters.template);
  if (cursor && "before" in cursor) query.set("before", String(cursor.before));
  if (cursor && "after" in cursor) query.set("after", String(cursor.after));
  const text = query.toString();
  return text ? `/admin/emails?${text}` : "/admin/emails";
}

/** Returns the active filters as a phrase, such as `recipient containing "linda", status failed`. */
function describeFilters(filters: OutboxFilters): string {
  const parts: string[] = [];
  if (filters.recipient) parts.push(`recipient containing "${filters.recipient}"`);
  if (filters.status) parts.push(`status ${filters.status}`);
  if (filters.template) {
    const label = outboxTemplates.find((option) => option.value === filters.template)?.label;
    parts.push(`template ${label ?? filters.template}`);
  }
  return parts.join(", ");
}

function FilterForm({ filters }: { filters: OutboxFilters }) {
  return (
    <Form action="/admin/emails" role="search" aria-label="Filter emails" className="flex flex-wrap items-end gap-3">
      <div className="flex min-w-0 flex-1 flex-col gap-1 sm:max-w-xs">
        <label htmlFor="emails-recipient" className="text-sm font-medium text-zinc-800">
          Recipient contains
        </label>
        <input
          id="emails-recipient"
          name="recipient"
          type="search"
          defaultValue={filters.recipient}
          maxLength={100}
          className={`${filterControlClass} max-w-full`}
        />
      </div>
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor="emails-status" className="text-sm font-medium text-zinc-800">
          Status
        </label>
        <select id="emails-status" name="status" defaultValue={filters.status ?? ""} className={`${filterControlClass} max-w-full`}>
          <option value="">All statuses</option>
          {emailStatuses.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </div>
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor="emails-template" className="text-sm font-medium text-zinc-800">
          Template
        </label>
        <select id="emails-template" name="template" defaultValue={filters.template ?? ""} className={`${filterControlClass} max-w-full`}>
          <option value="">All templates</option>
          {outboxTemplates.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className="inline-flex min-h-10 items-center rounded-md border border-zinc-300 bg-white px-4 py-2 text-sm font-medium hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-blue-700"
      >
        Filter
      </button>
      {hasFilters(filters) ? (
        <Link href="/admin/emails" className="inline-flex min-h-10 items-center px-2 text-sm text-blue-700 underline">
          Clear filters
        </Link>
      ) : null}
    </Form>
  );
}

function Pagination({
  filters,
  rows,
  hasOlder,
  hasNewer,
}: {
  filters: OutboxFilters;
  rows: OutboxSummary[];
  hasOlder: boolean;
  hasNewer: boolean;
}) {
  if (!hasOlder && !hasNewer) return null;
  const newestId = rows[0]?.id;
  const oldestId = rows.at(-1)?.id;
  return (
    <nav aria-label="Email pages" className="flex flex-wrap items-center gap-4 text-sm">
      {hasNewer ? (
        <Link
          href={newestId === undefined ? emailListHref(filters, null) : emailListHref(filters, { after: newestId })}
          className={textLinkClass}
        >
          Newer
        </Link>
      ) : null}
      {hasOlder && oldestId !== undefined ? (
        <Link href={emailListHref(filters, { before: oldestId })} className={textLinkClass}>
          Older
        </Link>
      ) : null}
    </nav>
  );
}

function EmptyState({ filters, paged }: { filters: OutboxFilters; paged: boolean }) {
  if (hasFilters(filters)) {
    return (
      <p className="rounded-md border border-dashed border-zinc-300 bg-white p-6 text-zinc-700 [overflow-wrap:anywhere]">
        No {paged ? "more " : ""}emails match {describeFilters(filters)}.{" "}
        <Link href="/admin/emails" className={textLinkClass}>
          Clear the filters
        </Link>{" "}
        to see every email.
      </p>
    );
  }
  if (paged) {
    return (
      <p className="rounded-md border border-dashed border-zinc-300 bg-white p-6 text-zinc-700 [overflow-wrap:anywhere]">
        No more emails on this side of the list.{" "}
        <Link href="/admin/emails" className={textLinkClass}>
          Show the newest emails
        </Link>
        .
      </p>
    );
  }
  return (
    <p className="rounded-md border border-dashed border-zinc-300 bg-white p-6 text-zinc-700 [overflow-wrap:anywhere]">
      No emails yet. Invitations appear here when a portal user is created or an invitation is
      resent.
    </p>
  );
}

function DateCell({ value }: { value: Date | null }) {
  return (
    <td className={`${cellClass} whitespace-nowrap`}>
      {value ? <time dateTime={value.toISOString()}>{formatDateTime(value)}</time> : "—"}
    </td>
  );
}

function EmailRow({ email }: { email: OutboxSummary }) {
  return (
    <tr>
      <th scope="row" className={`${cellClass} font-medium [overflow-wrap:anywhere]`}>
        <Link href={`/admin/emails/${email.id}`} className={textLinkClass}>
          {email.recipient}
        </Link>
      </th>
      <td className={cellClass}>{email.template}</td>
      <td className={cellClass}>{email.status}</td>
      <td className={cellClass}>{email.attempts}</td>
      <td className={`${cellClass} max-w-xs break-words`}>{email.lastError ?? "—"}</td>
      <DateCell value={email.createdAt} />
      <DateCell value={email.sentAt} />
      <td className={cellClass}>{email.transport ?? "—"}</td>
    </tr>
  );
}

export default async function EmailsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireManager();
  const params = await searchParams;
  const filters = parseFilters(params);
  const cursor = parseCursor(params);
  const { rows, total, hasOlder, hasNewer } = await getOutboxPage({ filters, cursor });

  return (
    <>
      <h1 className="text-2xl font-semibold">Emails</h1>
      <EmailCaptureNote />
      <FilterForm filters={filters} />
      {rows.length === 0 ? (
        <>
          <EmptyState filters={filters} paged={cursor !== null && total > 0} />
          <Pagination filters={filters} rows={rows} hasOlder={hasOlder} hasNewer={hasNewer} />
        </>
      ) : (
        <>
          <p role="status" className="text-sm text-zinc-700 [overflow-wrap:anywhere]">
            {total === 1 ? "1 email matches" : `${total} emails match`}
            {hasFilters(filters) ? ` ${describeFilters(filters)}` : ""}. Showing {rows.length}, newest
            first.
          </p>
          <div className={tableWrapperClass}>
            <table className={tableClass}>
              <caption className="sr-only">Emails, newest first</caption>
              <thead className="bg-zinc-50">
                <tr>
                  <th scope="col" className={headerCellClass}>Recipient</th>
                  <th scope="col" className={headerCellClass}>Template</th>
                  <th scope="col" className={headerCellClass}>Status</th>
                  <th scope="col" className={headerCellClass}>Attempts</th>
                  <th scope="col" className={headerCellClass}>Last error</th>
                  <th scope="col" className={headerCellClass}>Created</th>
                  <th scope="col" className={headerCellClass}>Sent at</th>
                  <th scope="col" className={headerCellClass}>Transport</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200">
                {rows.map((email) => (
                  <EmailRow key={email.id} email={email} />
                ))}
              </tbody>
            </table>
          </div>
          <Pagination filters={filters} rows={rows} hasOlder={hasOlder} hasNewer={hasNewer} />
        </>
      )}
    </>
  );
}
