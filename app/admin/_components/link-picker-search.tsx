import Form from "next/form";
import Link from "next/link";
import type { LinkCandidates } from "@/lib/link-candidates";

/**
 * Returns the sentence under a link picker's search field: how many records
 * the picker lists out of how many match, or why it lists none.
 */
export function describeLinkCandidates({
  result,
  search,
  noun,
  pluralNoun,
  linkedTo,
}: {
  result: LinkCandidates;
  search: string;
  /** The record kind in lower case, such as "parent". */
  noun: string;
  pluralNoun: string;
  /** The record the picker links to, such as "this student". */
  linkedTo: string;
}): string {
  const listedCount = result.candidates.length;
  const { total } = result;
  if (total === 0) {
    return search
      ? `No ${noun} matches "${search}" who is not already linked to ${linkedTo}. Check the spelling, or search by email.`
      : `Every ${noun} is already linked to ${linkedTo}.`;
  }
  if (listedCount < total) {
    return search
      ? `Showing ${listedCount} of ${total} matches: type more of the name or email.`
      : `Showing the first ${listedCount} of ${total} ${pluralNoun} by name: search to find the others.`;
  }
  if (search) return total === 1 ? `1 ${noun} matches.` : `${total} ${pluralNoun} match.`;
  return total === 1 ? `1 ${noun} can be added.` : `${total} ${pluralNoun} can be added.`;
}

/**
 * Renders a GET search form that reloads the same page with `?<name>=text`,
 * so the link picker below it lists matching records with or without
 * JavaScript, followed by the sentence describing the result.
 */
export function LinkPickerSearch({
  action,
  name,
  label,
  landmarkLabel,
  search,
  summary,
}: {
  /** The page's own path, without a query. */
  action: string;
  /** The query parameter, such as "parentSearch". */
  name: string;
  /** The search field's label. */
  label: string;
  /**
   * The search landmark's name. It differs from `label` because a landmark and
   * a field with the same name are read out twice and both match getByLabel.
   */
  landmarkLabel: string;
  search: string;
  summary: string;
}) {
  const inputId = `${name}-input`;
  const summaryId = `${name}-summary`;
  return (
    <div className="flex flex-col gap-2">
      <Form action={action} role="search" aria-label={landmarkLabel} className="flex flex-wrap items-end gap-2">
        <div className="flex min-w-0 flex-1 flex-col gap-1 sm:max-w-sm">
          <label htmlFor={inputId} className="text-sm font-medium text-zinc-800">
            {label}
          </label>
          <input
            id={inputId}
            name={name}
            type="search"
            defaultValue={search}
            maxLength={100}
            aria-describedby={summaryId}
            className="min-h-10 rounded-md border border-zinc-300 px-3 py-2 text-base focus-visible:outline-2 focus-visible:outline-blue-700"
          />
        </div>
        <button
          type="submit"
          className="inline-flex min-h-10 items-center rounded-md border border-zinc-300 bg-white px-4 py-2 text-sm font-medium hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-blue-700"
        >
          Search
        </button>
        {search ? (
          <Link href={action} className="inline-flex min-h-10 items-center px-2 text-sm text-blue-700 underline">
            Clear search
          </Link>
        ) : null}
      </Form>
      <p id={summaryId} role="status" className="text-sm text-zinc-700 [overflow-wrap:anywhere]">
        {summary}
      </p>
    </div>
  );
}
