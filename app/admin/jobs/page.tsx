import type { Metadata } from "next";
import Link from "next/link";
import {
  cellClass,
  headerCellClass,
  tableClass,
  tableWrapperClass,
  textLinkClass,
} from "@/app/admin/_components/styles";
import { formatDateTime } from "@/app/admin/_lib/format";
import { requireManager } from "@/lib/auth/session";
import { jobKindLabels } from "@/lib/jobs/outcomes";
import { getRecentJobs, type JobSummary } from "@/lib/jobs/queries";

export const metadata: Metadata = { title: "Bulk jobs" };

const RECENT_JOBS = 50;
const numberFormat = new Intl.NumberFormat("en");

const statusLabels: Record<JobSummary["status"], string> = {
  queued: "Waiting to start",
  running: "Running",
  done: "Finished",
};

function JobRow({ job }: { job: JobSummary }) {
  return (
    <tr>
      <th scope="row" className={`${cellClass} font-medium`}>
        <Link href={`/admin/jobs/${job.id}`} className={textLinkClass}>
          {jobKindLabels[job.kind]} #{job.id}
        </Link>
      </th>
      <td className={cellClass}>{statusLabels[job.status]}</td>
      <td className={`${cellClass} whitespace-nowrap`}>
        {numberFormat.format(job.status === "done" ? job.total : job.processed)} of{" "}
        {numberFormat.format(job.total)}
      </td>
      <td className={cellClass}>{job.createdByName ?? "Deleted user"}</td>
      <td className={`${cellClass} whitespace-nowrap`}>
        <time dateTime={job.createdAt.toISOString()}>{formatDateTime(job.createdAt)}</time>
      </td>
    </tr>
  );
}

export default async function JobsPage() {
  await requireManager();
  const jobs = await getRecentJobs({ limit: RECENT_JOBS });

  return (
    <>
      <h1 className="text-2xl font-semibold">Bulk jobs</h1>
      {jobs.length > 0 ? (
        <>
          <p className="text-sm text-zinc-700">The {RECENT_JOBS} most recent jobs, newest first.</p>
          <div className={tableWrapperClass}>
            <table className={tableClass}>
              <caption className="sr-only">Bulk jobs</caption>
              <thead className="bg-zinc-50">
                <tr>
                  <th scope="col" className={headerCellClass}>Job</th>
                  <th scope="col" className={headerCellClass}>Status</th>
                  <th scope="col" className={headerCellClass}>Processed</th>
                  <th scope="col" className={headerCellClass}>Started by</th>
                  <th scope="col" className={headerCellClass}>Started</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200">
                {jobs.map((job) => (
                  <JobRow key={job.id} job={job} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p className="rounded-md border border-dashed border-zinc-300 bg-white p-6 text-zinc-700">
          No bulk jobs yet. On the{" "}
          <Link href="/admin/parents" className={textLinkClass}>
            parent list
          </Link>
          , tick parents and click Create Parent Users to start one.
        </p>
      )}
    </>
  );
}
