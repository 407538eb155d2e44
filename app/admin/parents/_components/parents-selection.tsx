"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { InvitationBadge } from "@/app/admin/_components/invitation-badge";
import {
  cellClass,
  headerCellClass,
  tableClass,
  tableWrapperClass,
  textLinkClass,
} from "@/app/admin/_components/styles";
import { startCreateParentUsersAction } from "@/app/admin/jobs/actions";
import type { ParentSummary } from "@/lib/parents/queries";

const numberFormat = new Intl.NumberFormat("en");

const secondaryButtonClass =
  "inline-flex min-h-10 items-center justify-center rounded-md border border-zinc-300 bg-white px-4 py-2 text-sm font-medium text-zinc-900 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700";
const primaryButtonClass =
  "inline-flex min-h-10 items-center justify-center rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700";
const checkboxClass = "size-5 accent-blue-700 focus-visible:outline-2 focus-visible:outline-blue-700";

/** Either ticked parents on this page, or every parent the current search matches. */
type Selection = { scope: "selected"; ids: Set<number> } | { scope: "filter" };

function parentsText(count: number): string {
  return `${numberFormat.format(count)} ${count === 1 ? "parent" : "parents"}`;
}

function ParentRow({
  parent,
  checked,
  onToggle,
}: {
  parent: ParentSummary;
  checked: boolean;
  onToggle: (id: number, checked: boolean) => void;
}) {
  return (
    <tr>
      <td className={cellClass}>
        <input
          type="checkbox"
          aria-label={`Select ${parent.name}`}
          checked={checked}
          onChange={(event) => onToggle(parent.id, event.target.checked)}
          className={checkboxClass}
        />
      </td>
      <th scope="row" className={`${cellClass} font-medium`}>
        <Link href={`/admin/parents/${parent.id}`} className={textLinkClass}>
          {parent.name}
        </Link>
        {parent.active ? null : <span className="ml-2 text-xs text-zinc-600">(archived)</span>}
      </th>
      <td className={`${cellClass} [overflow-wrap:anywhere]`}>{parent.email ?? "No email"}</td>
      <td className={cellClass}>
        {parent.studentNames.length > 0 ? parent.studentNames.join(", ") : "None"}
      </td>
      <td className={`${cellClass} [overflow-wrap:anywhere]`}>{parent.login ?? "No portal user"}</td>
      <td className={cellClass}>
        <InvitationBadge status={parent.invitation ?? { state: "not_invited" }} />
      </td>
    </tr>
  );
}

function PageCheckbox({
  checked,
  indeterminate,
  onChange,
}: {
  checked: boolean;
  indeterminate: boolean;
  onChange: (checked: boolean) => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label="Select all parents on this page"
      checked={checked}
      onChange={(event) => onChange(event.target.checked)}
      className={checkboxClass}
    />
  );
}

/**
 * Asks the manager to confirm the count before the job starts, then posts the
 * selection to startCreateParentUsersAction, which opens the job's page.
 */
function ConfirmCreate({
  selection,
  count,
  search,
  onCancel,
}: {
  selection: Selection;
  count: number;
  search: string;
  onCancel: () => void;
}) {
  const [state, formAction] = useActionState(startCreateParentUsersAction, null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <form
      id="confirm-create"
      action={formAction}
      aria-labelledby="confirm-create-heading"
      className="flex flex-col gap-3 rounded-md border border-blue-300 bg-blue-50 p-4"
    >
      <h2 id="confirm-create-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold focus-visible:outline-2 focus-visible:outline-blue-700">
        Create portal users for {parentsText(count)}?
      </h2>
      <p className="text-sm text-zinc-800">
        Each parent with a usable email gets a portal user and an invitation email. Parents who
        already have a user, or whose email is missing, invalid or used by another account, are
        skipped and listed in the results.
      </p>
      <FormMessage result={state} />
      <input type="hidden" name="scope" value={selection.scope} />
      {selection.scope === "filter" ? (
        <input type="hidden" name="q" value={search} />
      ) : (
        [...selection.ids].map((id) => <input key={id} type="hidden" name="parentIds[]" value={id} />)
      )}
      <div className="flex flex-wrap gap-2">
        <SubmitButton pendingLabel="Starting…">Create users for {parentsText(count)}</SubmitButton>
        <button type="button" onClick={onCancel} className={secondaryButtonClass}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * Renders the parent list with a checkbox per row, selection of the whole page
 * or of every parent matching the search, and the Create Parent Users button.
 */
export function ParentsSelection({
  parents,
  matchingCount,
  search,
}: {
  parents: ParentSummary[];
  matchingCount: number;
  search: string;
}) {
  const [selection, setSelection] = useState<Selection>({ scope: "selected", ids: new Set() });
  const [confirming, setConfirming] = useState(false);
  const createButtonRef = useRef<HTMLButtonElement>(null);

  const pageIds = parents.map((parent) => parent.id);
  const isChecked = (id: number) => selection.scope === "filter" || selection.ids.has(id);
  const checkedOnPage = pageIds.filter(isChecked).length;
  const allOnPage = checkedOnPage === pageIds.length && pageIds.length > 0;
  const count = selection.scope === "filter" ? matchingCount : selection.ids.size;

  function update(next: Selection) {
    setSelection(next);
    setConfirming(false);
  }

  function toggle(id: number, checked: boolean) {
    const ids = new Set(selection.scope === "filter" ? pageIds : selection.ids);
    if (checked) ids.add(id);
    else ids.delete(id);
    update({ scope: "selected", ids });
  }

  function togglePage(checked: boolean) {
    update({ scope: "selected", ids: new Set(checked ? pageIds : []) });
  }

  function cancel() {
    setConfirming(false);
    createButtonRef.current?.focus();
  }

  const matchingText = search
    ? `all ${parentsText(matchingCount)} matching "${search}"`
    : `all ${parentsText(matchingCount)}`;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <p role="status" className="text-sm text-zinc-800">
          {selection.scope === "filter"
            ? `Selected ${matchingText}, on every page.`
            : count > 0
              ? `${parentsText(count)} selected on this page.`
              : "Tick parents to create their portal users in one go."}
        </p>
        {selection.scope === "selected" && allOnPage && matchingCount > pageIds.length ? (
          <button type="button" onClick={() => update({ scope: "filter" })} className={secondaryButtonClass}>
            Select {matchingText}
          </button>
        ) : null}
        {count > 0 ? (
          <button
            type="button"
            onClick={() => update({ scope: "selected", ids: new Set() })}
            className={secondaryButtonClass}
          >
            Clear selection
          </button>
        ) : null}
        {count > 0 ? (
          <button
            ref={createButtonRef}
            type="button"
            aria-expanded={confirming}
            aria-controls="confirm-create"
            onClick={() => setConfirming(true)}
            className={primaryButtonClass}
          >
            Create Parent Users
          </button>
        ) : null}
      </div>
      {confirming && count > 0 ? (
        <ConfirmCreate selection={selection} count={count} search={search} onCancel={cancel} />
      ) : null}
      <div className={tableWrapperClass}>
        <table className={tableClass}>
          <caption className="sr-only">Parents</caption>
          <thead className="bg-zinc-50">
            <tr>
              <td className={headerCellClass}>
                <PageCheckbox
                  checked={allOnPage}
                  indeterminate={checkedOnPage > 0 && !allOnPage}
                  onChange={togglePage}
                />
              </td>
              <th scope="col" className={headerCellClass}>Name</th>
              <th scope="col" className={headerCellClass}>Email</th>
              <th scope="col" className={headerCellClass}>Students</th>
              <th scope="col" className={headerCellClass}>Portal user</th>
              <th scope="col" className={headerCellClass}>Invitation</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200">
            {parents.map((parent) => (
              <ParentRow key={parent.id} parent={parent} checked={isChecked(parent.id)} onToggle={toggle} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
