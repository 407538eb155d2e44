import {
  cellClass,
  headerCellClass,
  tableClass,
  tableWrapperClass,
} from "@/app/admin/_components/styles";
import type { FieldChange } from "@/lib/import/plan";
import type { RowError } from "@/lib/import/validate-rows";

export type DisplayRow = {
  line: number;
  externalId: string;
  name: string;
  outcome: string;
  changes: FieldChange[];
  errors: RowError[];
};

const OUTCOME_STYLES: Record<string, string> = {
  error: "bg-red-50 text-red-800",
  create: "bg-green-50 text-green-800",
  created: "bg-green-50 text-green-800",
  update: "bg-blue-50 text-blue-800",
  updated: "bg-blue-50 text-blue-800",
  unchanged: "bg-zinc-100 text-zinc-700",
};

function Details({ row }: { row: DisplayRow }) {
  if (row.errors.length > 0) {
    return (
      <ul className="flex flex-col gap-1">
        {row.errors.map((error, index) => (
          <li key={index}>
            {error.column ? (
              <>
                Line {error.line}, column <span className="font-medium">{error.column}</span>:{" "}
              </>
            ) : null}
            {error.message}
          </li>
        ))}
      </ul>
    );
  }
  if (row.changes.length === 0) return null;
  return (
    <ul className="flex flex-col gap-1">
      {row.changes.map((change, index) => (
        <li key={index}>
          <span className="font-medium">{change.field}</span>
          {change.from && change.to
            ? `: ${change.from} → ${change.to}`
            : `: ${change.to || change.from}`}
        </li>
      ))}
    </ul>
  );
}

/** Renders the rows of a dry run or of an import result; `labels` names each outcome. */
export function RowsTable({
  caption,
  rows,
  labels,
}: {
  caption: string;
  rows: DisplayRow[];
  labels: Record<string, string>;
}) {
  return (
    <div className={tableWrapperClass}>
      <table className={tableClass}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-zinc-50">
          <tr>
            <th scope="col" className={headerCellClass}>
              Line
            </th>
            <th scope="col" className={headerCellClass}>
              External id
            </th>
            <th scope="col" className={headerCellClass}>
              Name
            </th>
            <th scope="col" className={headerCellClass}>
              Result
            </th>
            <th scope="col" className={headerCellClass}>
              Details
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200">
          {rows.map((row) => (
            <tr key={row.line}>
              <td className={cellClass}>{row.line}</td>
              <td className={`${cellClass} [overflow-wrap:anywhere]`}>
                {row.externalId || "(none)"}
              </td>
              <th scope="row" className={`${cellClass} font-medium`}>
                {row.name || "(no name)"}
              </th>
              <td className={cellClass}>
                <span
                  className={`inline-block rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ${OUTCOME_STYLES[row.outcome] ?? ""}`}
                >
                  {labels[row.outcome] ?? row.outcome}
                </span>
              </td>
              <td className={`${cellClass} min-w-64 [overflow-wrap:anywhere]`}>
                <Details row={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
