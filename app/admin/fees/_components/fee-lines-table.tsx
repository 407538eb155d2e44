import Link from "next/link";
import { FeeStateBadge } from "@/app/portal/students/[id]/fees/_components/fee-state-badge";
import { cellClass, headerCellClass, tableClass, tableWrapperClass, textLinkClass } from "@/app/admin/_components/styles";
import type { FeeLine } from "@/lib/fees/queries";
import { formatMoney, formatSchoolDate } from "@/lib/school-calendar";

const numberCellClass = `${cellClass} text-right whitespace-nowrap tabular-nums`;

/** Renders fee lines with their state, amounts and a link to record a payment on each. */
export function FeeLinesTable({ lines, caption }: { lines: FeeLine[]; caption: string }) {
  // "relative" makes the wrapper the containing block of the absolutely
  // positioned sr-only header, so that text scrolls with the table instead of
  // widening the page at 375 px.
  return (
    <div className={`${tableWrapperClass} relative`}>
      <table className={tableClass}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-zinc-50">
          <tr>
            <th scope="col" className={headerCellClass}>Student</th>
            <th scope="col" className={headerCellClass}>Description</th>
            <th scope="col" className={headerCellClass}>Term</th>
            <th scope="col" className={headerCellClass}>Due date</th>
            <th scope="col" className={headerCellClass}>State</th>
            <th scope="col" className={`${headerCellClass} text-right`}>Amount</th>
            <th scope="col" className={`${headerCellClass} text-right`}>Paid</th>
            <th scope="col" className={`${headerCellClass} text-right`}>Outstanding</th>
            <th scope="col" className={headerCellClass}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200">
          {lines.map((line) => (
            <tr key={line.id}>
              <th scope="row" className={`${cellClass} font-medium whitespace-nowrap`}>
                {line.studentName}
              </th>
              <td className={cellClass}>{line.description}</td>
              <td className={cellClass}>{line.term}</td>
              <td className={`${cellClass} whitespace-nowrap`}>{formatSchoolDate(line.dueDate, "en-GB", "medium")}</td>
              <td className={cellClass}>
                <FeeStateBadge state={line.state} />
              </td>
              <td className={numberCellClass}>{formatMoney(line.amountMinor)}</td>
              <td className={numberCellClass}>{formatMoney(line.paidMinor)}</td>
              <td className={numberCellClass}>{formatMoney(line.outstandingMinor)}</td>
              <td className={`${cellClass} whitespace-nowrap`}>
                <Link
                  href={`/admin/fees/${line.id}`}
                  aria-label={`${line.state === "paid" ? "Payments" : "Record payment"}: ${line.description}, ${line.studentName}`}
                  className={textLinkClass}
                >
                  {line.state === "paid" ? "Payments" : "Record payment"}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
