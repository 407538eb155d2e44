import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import {
  cellClass,
  headerCellClass,
  tableClass,
  tableWrapperClass,
  textLinkClass,
} from "@/app/admin/_components/styles";
import { formatDateTime } from "@/app/admin/_lib/format";
import { parseRouteId } from "@/app/admin/_lib/route-params";
import { requireManager } from "@/lib/auth/session";
import { bulkOutcomes, jobKindLabels, outcomeLabels, type BulkOutcome } from "@/lib/jobs/outcomes";
import {
  getJobById,
  getJobItems,
  getOutcomeCounts,
  type JobItemPage,
  type JobItemRow,
} from "@/lib/jobs/queries";
import { JobProgress } from "../_components/job-progress";
import { jobResultsHref, parseJobResultFilters, type JobResultFilters } from "../_lib/job-params";

export const metadata: Metadata = { title: "Bulk job" };

const numberFormat = new Intl.NumberFormat("en");

function OutcomeFilter({
  jobId,
  counts,
  filters,
  doneCount,
}: {
  jobId: number;
  counts: Map<BulkOutcome, number>;
  filters: JobResultFilters;
  doneCount: number;
}) {
  const options = [
    { outcome: undefined, label: "All outcomes", count: doneCount },
    ...bulkOutcomes
      .filter((outcome) => counts.has(outcome))
      .map((outcome) => ({ outcome, label: outcomeLabels[outcome], count: counts.get(outcome) ?? 0 })),
  ];
  return (
    <nav aria-label="Filter results by outcome">
      <ul className="flex flex-wrap gap-2 text-sm">
        {options.map(({ outcome, label, count }) => (
          <li key={outcome ?? "all"}>
            <Link
              href={jobResultsHref(jobId, { outcome, page: 1 })}
              aria-current={filters.outcome === outcome ? "page" : undefined}
              className="inline-flex min-h-10 items-center gap-2 rounded-md border border-zinc-300 bg-white px-3 py-2 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-blue-700 aria-[current=page]:border-blue-700 aria-[current=page]:bg-blue-50 aria-[current=page]:font-semibold"
            >
              {label}
              <span className="rounded-full bg-zinc-100 px-2 text-xs text-zinc-800">{numberFormat.format(count)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function ResultRow({ item }: { item: JobItemRow }) {
  return (
    <tr>
      <th scope="row" className={`${cellClass} font-medium`}>
        {item.parentName ? (
          <Link href={`/admin/parents/${item.parentId}`} className={textLinkClass}>
            {item.parentName}
          </Link>
        ) : (
          `Deleted parent ${item.parentId}`
        )}
      </th>
      <td className={`${cellClass} whitespace-nowrap`}>{item.outcome ? outcomeLabels[item.outcome] : "—"}</td>
      <td className={`${cellClass} min-w-56 [overflow-wrap:anywhere]`}>{item.detail ?? "—"}</td>
      <td className={`${cellClass} [overflow-wrap:anywhere]`}>
        {item.userId !== null && item.userLogin ? (
          <Link href={`/admin/users/${item.userId}`} className={textLinkClass}>
            {item.userLogin}
          </Link>
        ) : (
          "—"
        )}
      </td>
    </tr>
  );
}

function ResultsTable({ result }: { result: JobItemPage }) {
  return (
    <div className={tableWrapperClass}>
      <table className={tableClass}>
        <caption className="sr-only">Results per parent</caption>
        <thead className="bg-zinc-50">
          <tr>
            <th scope="col" className={headerCellClass}>Parent</th>
            <th scope="col" className={headerCellClass}>Outcome</th>
            <th scope="col" className={headerCellClass}>Detail</th>
            <th scope="col" className={headerCellClass}>Portal user</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200">
          {result.items.map((item) => (
            <ResultRow key={item.position} item={item} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Pagination({ jobId, result, filters }: { jobId: number; result: JobItemPage; filters: JobResultFilters }) {
  if (result.pageCount <= 1) return null;
  return (
    <nav aria-label="Result pages" className="flex flex-wrap items-center gap-4 text-sm">
      {result.page > 1 ? (
        <Link href={jobResultsHref(jobId, { ...filters, page: result.page - 1 })} className={textLinkClass}>
          Previous page
        </Link>
      ) : null}
      <span>
        Page {result.page} of {result.pageCount}
      </span>
      {result.page < result.pageCount ? (
        <Link href={jobResultsHref(jobId, { ...filters, page: result.page + 1 })} className={textLinkClass}>
          Next page
        </Link>
      ) : null}
    </nav>
  );
}

export default async function JobPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireManager();
  const id = parseRouteId((await params).id);
  if (id === null) notFound();
  const filters = parseJobResultFilters(await searchParams);
  const [job, counts, result] = await Promise.all([
    getJobById({ id }),
    getOutcomeCounts({ jobId: id }),
    getJobItems({ jobId: id, outcome: filters.outcome, page: filters.page }),
  ]);
  if (!job) notFound();
  const doneCount = [...counts.values()].reduce((sum, count) => sum + count, 0);

  return (
    <>
      <p className="text-sm">
        <Link href="/admin/jobs" className={textLinkClass}>
          All bulk jobs
        </Link>
      </p>
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold">
          {jobKindLabels[job.kind]}: {numberFormat.format(job.total)} {job.total === 1 ? "parent" : "parents"}
        </h1>
        <p className="text-sm text-zinc-700">
          Started by {job.createdByName ?? "a deleted user"} on {formatDateTime(job.createdAt)}
          {job.finishedAt ? `, finished on ${formatDateTime(job.finishedAt)}` : null}.
        </p>
      </div>
      <JobProgress
        jobId={job.id}
        initial={{ status: job.status, processed: job.status === "done" ? job.total : job.processed, total: job.total }}
      />
      <section aria-labelledby="results-heading" id="results" className="flex flex-col gap-3">
        <h2 id="results-heading" className="text-lg font-semibold">
          Results
        </h2>
        {doneCount === 0 ? (
          <p className="rounded-md border border-dashed border-zinc-300 bg-white p-6 text-zinc-700">
            No parent has been processed yet. The results appear here when the job finishes.
          </p>
        ) : (
          <>
            <OutcomeFilter jobId={job.id} counts={counts} filters={filters} doneCount={doneCount} />
            {result.items.length > 0 ? (
              <>
                <ResultsTable result={result} />
                <Pagination jobId={job.id} result={result} filters={filters} />
              </>
            ) : (
              <p className="rounded-md border border-dashed border-zinc-300 bg-white p-6 text-zinc-700">
                No parent has this outcome. Choose All outcomes to see every result.
              </p>
            )}
          </>
        )}
      </section>
    </>
  );
}
