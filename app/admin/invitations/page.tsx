import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { InvitationBadge } from "@/app/admin/_components/invitation-badge";
import { invitationStateLabels } from "@/app/admin/_components/invitation-status";
import { filterControlClass, textLinkClass } from "@/app/admin/_components/styles";
import { formatDateTime } from "@/app/admin/_lib/format";
import { parseSearchQuery } from "@/app/admin/_lib/route-params";
import { requireManager } from "@/lib/auth/session";
import {
  getInvitationReport,
  REINVITABLE_STATES,
  reportStates,
  type InvitationReport,
  type InvitationReportRow,
  type ReportState,
} from "@/lib/invitation-report";
import { canResendInvitation } from "@/lib/invitation-state";
import { MAX_REINVITES } from "@/lib/reinvite-parents";
import { ReinviteTable, type ReportTableRow } from "./_components/reinvite-table";
import { FilterSearchField } from "@/app/admin/_components/search-form";

export const metadata: Metadata = { title: "Invitations" };

type SearchParams = Record<string, string | string[] | undefined>;
type Filters = { state?: ReportState; search: string; page: number };


const emailStatusLabels = { queued: "Queued", sending: "Sending", sent: "Sent", failed: "Failed" };

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Reads the filters from the URL; unknown values are ignored rather than shown as errors. */
function parseFilters(params: SearchParams): Filters {
  const stateText = first(params.state);
  const pageText = first(params.page) ?? "";
  return {
    state: reportStates.find((state) => state === stateText),
    search: parseSearchQuery(params.q),
    page: /^[1-9][0-9]{0,5}$/.test(pageText) ? Number(pageText) : 1,
  };
}

function reportHref({ state, search, page }: Filters): string {
  const query = new URLSearchParams();
  if (state) query.set("state", state);
  if (search) query.set("q", search);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `/admin/invitations?${text}` : "/admin/invitations";
}

function toTableRow(row: InvitationReportRow): ReportTableRow {
  return {
    userId: row.userId,
    name: row.name,
    login: row.login,
    badge: <InvitationBadge status={row.status} />,
    canReinvite: canResendInvitation(row.status),
    invited: row.invitedAt ? formatDateTime(row.invitedAt) : "Never",
    lastEmail: row.lastEmail
      ? `${emailStatusLabels[row.lastEmail.status]}, ${formatDateTime(row.lastEmail.at)}`
      : "None",
  };
}

function ReportFilters({ filters, report }: { filters: Filters; report: InvitationReport }) {
  const searchTotal = Object.values(report.countsByState).reduce((sum, n) => sum + n, 0);
  return (
    <Form action="/admin/invitations" role="search" className="flex flex-wrap items-end gap-3">
      <FilterSearchField id="search-q" label="Search name or login" defaultValue={filters.search} />
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-state" className="text-sm font-medium text-zinc-800">
          Invitation state
        </label>
        <select id="filter-state" name="state" defaultValue={filters.state ?? ""} className={filterControlClass}>
          <option value="">Any ({searchTotal})</option>
          {reportStates.map((state) => (
            <option key={state} value={state}>
              {invitationStateLabels[state]} ({report.countsByState[state]})
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className="inline-flex min-h-10 items-center rounded-md border border-zinc-300 bg-white px-4 py-2 text-sm font-medium hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-blue-700"
      >
        Show parents
      </button>
      {filters.state || filters.search ? (
        <Link href="/admin/invitations" className="inline-flex min-h-10 items-center px-2 text-sm text-blue-700 underline">
          Clear filters
        </Link>
      ) : null}
    </Form>
  );
}

function Pagination({ report, filters }: { report: InvitationReport; filters: Filters }) {
  if (report.pageCount <= 1) return null;
  return (
    <nav aria-label="Invitation report pages" className="flex flex-wrap items-center gap-4 text-sm">
      {report.page > 1 ? (
        <Link href={reportHref({ ...filters, page: report.page - 1 })} className={textLinkClass}>
          Previous page
        </Link>
      ) : null}
      <span>
        Page {report.page} of {report.pageCount}
      </span>
      {report.page < report.pageCount ? (
        <Link href={reportHref({ ...filters, page: report.page + 1 })} className={textLinkClass}>
          Next page
        </Link>
      ) : null}
    </nav>
  );
}

export default async function InvitationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireManager();
  const filters = parseFilters(await searchParams);
  const report = await getInvitationReport(filters);
  const filtered = Boolean(filters.state || filters.search);
  const reinvitableCount = REINVITABLE_STATES.filter(
    (state) => !filters.state || filters.state === state,
  ).reduce((sum, state) => sum + report.countsByState[state], 0);

  return (
    <>
      <h1 className="text-2xl font-semibold">Invitations</h1>
      <p className="text-sm text-zinc-700">
        Parents with a portal user who have not set a password or have never logged in.
        Deactivated users are not listed.
      </p>
      <ReportFilters filters={filters} report={report} />
      <p role="status" className="text-sm text-zinc-700">
        {report.total === 1 ? "1 parent" : `${report.total} parents`}
        {filtered
          ? ` ${report.total === 1 ? "matches" : "match"} these filters.`
          : ` ${report.total === 1 ? "has" : "have"} not logged in yet.`}
      </p>
      {report.rows.length > 0 ? (
        <>
          {/* The key starts a new selection whenever the filters or the page change. */}
          <ReinviteTable
            key={reportHref(filters)}
            rows={report.rows.map(toTableRow)}
            matchingCount={report.total}
            reinvitableCount={reinvitableCount}
            state={filters.state ?? ""}
            search={filters.search}
            maxPerClick={MAX_REINVITES}
          />
          <Pagination report={report} filters={filters} />
        </>
      ) : (
        <p className="rounded-md border border-dashed border-zinc-300 bg-white p-6 text-zinc-700">
          {filtered
            ? "No parent matches these filters. Change the search or state, or click Clear filters."
            : "Every parent with a portal user has logged in. Parents appear here when they are invited and until their first login."}
        </p>
      )}
    </>
  );
}
