import { BarChart } from "@/app/_components/charts/bar-chart";
import {
  cellClass,
  headerCellClass,
  tableClass,
} from "@/app/admin/_components/styles";
import {
  attendanceRate,
  emptyCounts,
  formatRate,
  formatSchoolMonth,
  sumCounts,
  type AttendanceCounts,
  type SchoolMonth,
} from "@/lib/attendance/rules";
import { ScrollRegion } from "./scroll-region";

const COLUMNS = [
  ["present", "Present"],
  ["late", "Late"],
  ["absent", "Absent"],
  ["excused", "Excused"],
] as const;

function shortMonthLabel(month: SchoolMonth): string {
  const [year, monthNumber] = month.split("-").map(Number);
  return new Intl.DateTimeFormat("en-GB", { month: "short", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, monthNumber - 1, 1)),
  );
}

/**
 * Renders the term's attendance: totals, a bar chart of the rate per month
 * and a table with the same numbers.
 */
export function TermSummary({
  months,
  countsByMonth,
}: {
  months: SchoolMonth[];
  countsByMonth: Map<SchoolMonth, AttendanceCounts>;
}) {
  const rows = months.map((month) => {
    const counts = countsByMonth.get(month) ?? emptyCounts();
    return { month, counts, rate: attendanceRate(counts) };
  });
  const total = sumCounts(rows.map((row) => row.counts));
  const totalRate = attendanceRate(total);
  const chartLabel =
    "Attendance rate per month this term: " +
    rows.map((row) => `${formatSchoolMonth(row.month)} ${formatRate(row.rate)}`).join(", ") +
    ".";

  return (
    <div className="flex flex-col gap-4">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {COLUMNS.map(([status, label]) => (
          <div key={status} className="rounded-md border border-zinc-200 p-3">
            <dt className="text-sm text-zinc-700">{label}</dt>
            <dd className="text-xl font-semibold">{total[status]}</dd>
          </div>
        ))}
        <div className="rounded-md border border-zinc-200 p-3">
          <dt className="text-sm text-zinc-700">Attendance rate</dt>
          <dd className="text-xl font-semibold">{formatRate(totalRate)}</dd>
        </div>
      </dl>
      <ScrollRegion label="Chart of the attendance rate per month">
        <BarChart
          label={chartLabel}
          bars={rows.map((row) => ({
            key: row.month,
            label: shortMonthLabel(row.month),
            value: row.rate,
            valueLabel: formatRate(row.rate),
          }))}
        />
      </ScrollRegion>
      <ScrollRegion
        label="Table of attendance per month"
        className="rounded-md border border-zinc-200 bg-white"
      >
        <table className={tableClass}>
          <caption className="sr-only">Attendance per month this term</caption>
          <thead className="bg-zinc-50">
            <tr>
              <th scope="col" className={headerCellClass}>Month</th>
              {COLUMNS.map(([status, label]) => (
                <th key={status} scope="col" className={`${headerCellClass} text-right`}>
                  {label}
                </th>
              ))}
              <th scope="col" className={`${headerCellClass} text-right`}>Rate</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200">
            {rows.map((row) => (
              <tr key={row.month}>
                <th scope="row" className={`${cellClass} font-medium whitespace-nowrap`}>
                  {formatSchoolMonth(row.month)}
                </th>
                {COLUMNS.map(([status]) => (
                  <td key={status} className={`${cellClass} text-right tabular-nums`}>
                    {row.counts[status]}
                  </td>
                ))}
                <td className={`${cellClass} text-right whitespace-nowrap tabular-nums`}>
                  {formatRate(row.rate)}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t-2 border-zinc-300 bg-zinc-50 font-semibold">
            <tr>
              <th scope="row" className={cellClass}>Term</th>
              {COLUMNS.map(([status]) => (
                <td key={status} className={`${cellClass} text-right tabular-nums`}>
                  {total[status]}
                </td>
              ))}
              <td className={`${cellClass} text-right whitespace-nowrap tabular-nums`}>
                {formatRate(totalRate)}
              </td>
            </tr>
          </tfoot>
        </table>
      </ScrollRegion>
    </div>
  );
}
