import { isBulkOutcome, type BulkOutcome } from "@/lib/jobs/outcomes";

type SearchParams = Record<string, string | string[] | undefined>;

export type JobResultFilters = { outcome?: BulkOutcome; page: number };

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Reads the results table's outcome filter and page from the URL, ignoring unknown values. */
export function parseJobResultFilters(params: SearchParams): JobResultFilters {
  const outcome = first(params.outcome);
  const pageText = first(params.page) ?? "";
  return {
    outcome: isBulkOutcome(outcome) ? outcome : undefined,
    page: /^[1-9][0-9]{0,5}$/.test(pageText) ? Number(pageText) : 1,
  };
}

/** Builds the job page's URL for `filters`, leaving out defaults. */
export function jobResultsHref(jobId: number, filters: JobResultFilters): string {
  const query = new URLSearchParams();
  if (filters.outcome) query.set("outcome", filters.outcome);
  if (filters.page > 1) query.set("page", String(filters.page));
  const text = query.toString();
  return text ? `/admin/jobs/${jobId}?${text}#results` : `/admin/jobs/${jobId}#results`;
}
