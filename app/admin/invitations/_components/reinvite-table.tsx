"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import {
  cellClass,
  headerCellClass,
  tableClass,
  tableWrapperClass,
  textLinkClass,
} from "@/app/admin/_components/styles";
import { reinviteParentsAction } from "../actions";
import { reinviteOutcomeLabels, type ReinviteResultRow } from "../_lib/reinvite-messages";

/** One report row, with its dates already formatted by the page. */
export type ReportTableRow = {
  userId: number;
  name: string;
  login: string;
  badge: React.ReactNode;
  canReinvite: boolean;
  invited: string;
  lastEmail: string;
};

const buttonClass =
  "inline-flex min-h-10 items-center justify-center rounded-md border border-zinc-300 bg-white px-4 py-2 text-sm font-medium hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700";

function ResultsTable({ rows }: { rows: ReinviteResultRow[] }) {
  return (
    <div className={tableWrapperClass}>
      <table className={tableClass}>
        <caption className="px-3 py-2 text-left font-semibold">Re-invite results</caption>
        <thead className="bg-zinc-50">
          <tr>
            <th scope="col" className={headerCellClass}>Name</th>
            <th scope="col" className={headerCellClass}>Login</th>
            <th scope="col" className={headerCellClass}>Result</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200">
          {rows.map((row) => (
            <tr key={row.userId}>
              <th scope="row" className={`${cellClass} font-medium`}>{row.name}</th>
              <td className={`${cellClass} [overflow-wrap:anywhere]`}>{row.login}</td>
              <td className={cellClass}>{reinviteOutcomeLabels[row.outcome]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Renders the report's rows with a checkbox for each parent that can be
 * re-invited, and the two-step re-invite: pick selected rows or every
 * matching parent, then confirm. The per-parent results show above the table.
 */
export function ReinviteTable({
  rows,
  matchingCount,
  reinvitableCount,
  state,
  search,
  maxPerClick,
}: {
  rows: ReportTableRow[];
  /** Parents matching the filters, on every page. */
  matchingCount: number;
  /** Of those, how many can be re-invited (not queued or accepted). */
  reinvitableCount: number;
  state: string;
  search: string;
  /** The maximum number of parents one click re-invites. */
  maxPerClick: number;
}) {
  const [result, action] = useActionState(reinviteParentsAction, null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [confirming, setConfirming] = useState<"selected" | "all" | null>(null);
  const [previousResult, setPreviousResult] = useState(result);
  const confirmHeading = useRef<HTMLHeadingElement>(null);

  if (result !== previousResult) {
    // A finished run clears the selection and the confirmation.
    setPreviousResult(result);
    setConfirming(null);
    setSelected(new Set());
  }
  useEffect(() => {
    if (confirming) confirmHeading.current?.focus();
  }, [confirming]);

  const selectable = rows.filter((row) => row.canReinvite).map((row) => row.userId);
  const allSelected = selectable.length > 0 && selectable.every((id) => selected.has(id));
  const toggle = (id: number, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  const confirmCount = confirming === "all" ? reinvitableCount : selected.size;

  return (
    <form action={action} className="flex flex-col gap-4">
      <input type="hidden" name="state" value={state} />
      <input type="hidden" name="q" value={search} />
      <FormMessage result={result} />
      {result?.rows && result.rows.length > 0 ? <ResultsTable rows={result.rows} /> : null}

      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={buttonClass}
          onClick={() => setConfirming("selected")}
          disabled={selected.size === 0}
        >
          Re-invite selected ({selected.size})…
        </button>
        <button
          type="button"
          className={buttonClass}
          onClick={() => setConfirming("all")}
          disabled={reinvitableCount === 0}
        >
          Re-invite all matching ({reinvitableCount})…
        </button>
      </div>
      {selected.size === 0 && reinvitableCount > 0 ? (
        <p className="text-sm text-zinc-700">
          Tick parents to re-invite them, or re-invite every matching parent whose invitation
          failed, expired, was never sent or is still unanswered.
        </p>
      ) : null}

      {confirming ? (
        <div
          role="group"
          aria-labelledby="confirm-reinvite-heading"
          className="flex flex-col gap-3 rounded-md border border-amber-300 bg-amber-50 p-4"
        >
          <h2 id="confirm-reinvite-heading" ref={confirmHeading} tabIndex={-1} className="font-semibold">
            Re-invite {confirmCount === 1 ? "1 parent" : `${confirmCount} parents`}?
          </h2>
          <p className="text-sm">
            Each gets a new set-password link by email, and the links in their earlier invitations
            stop working.
            {confirming === "all" && reinvitableCount > maxPerClick
              ? ` One click re-invites at most ${maxPerClick}, those with the oldest invitations first.`
              : null}
          </p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton name="scope" value={confirming} pendingLabel="Re-inviting…">
              Confirm re-invite
            </SubmitButton>
            <button type="button" className={buttonClass} onClick={() => setConfirming(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}

      <div className={tableWrapperClass}>
        <table className={tableClass}>
          <caption className="sr-only">
            Parents invited who have never logged in, {matchingCount} in all
          </caption>
          <thead className="bg-zinc-50">
            <tr>
              <th scope="col" className={headerCellClass}>
                <input
                  type="checkbox"
                  aria-label="Select every parent on this page that can be re-invited"
                  checked={allSelected}
                  disabled={selectable.length === 0}
                  onChange={(event) => setSelected(event.target.checked ? new Set(selectable) : new Set())}
                  className="size-5 focus-visible:outline-2 focus-visible:outline-blue-700"
                />
              </th>
              <th scope="col" className={headerCellClass}>Name</th>
              <th scope="col" className={headerCellClass}>Login</th>
              <th scope="col" className={headerCellClass}>Invitation</th>
              <th scope="col" className={headerCellClass}>Invited</th>
              <th scope="col" className={headerCellClass}>Last email</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200">
            {rows.map((row) => (
              <tr key={row.userId}>
                <td className={cellClass}>
                  {row.canReinvite ? (
                    <input
                      type="checkbox"
                      name="userIds[]"
                      value={row.userId}
                      aria-label={`Select ${row.name}`}
                      checked={selected.has(row.userId)}
                      onChange={(event) => toggle(row.userId, event.target.checked)}
                      className="size-5 focus-visible:outline-2 focus-visible:outline-blue-700"
                    />
                  ) : null}
                </td>
                <th scope="row" className={`${cellClass} font-medium`}>
                  <Link href={`/admin/users/${row.userId}`} className={textLinkClass}>
                    {row.name}
                  </Link>
                </th>
                <td className={`${cellClass} [overflow-wrap:anywhere]`}>{row.login}</td>
                <td className={cellClass}>{row.badge}</td>
                <td className={`${cellClass} whitespace-nowrap`}>{row.invited}</td>
                <td className={cellClass}>{row.lastEmail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </form>
  );
}
