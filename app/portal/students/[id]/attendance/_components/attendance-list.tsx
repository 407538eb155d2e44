import {
  cellClass,
  headerCellClass,
  tableClass,
} from "@/app/admin/_components/styles";
import type { AttendanceRecord } from "@/lib/attendance/queries";
import { formatSchoolMonth, type SchoolMonth } from "@/lib/attendance/rules";
import { formatSchoolDate } from "@/lib/school-calendar";
import { ScrollRegion } from "./scroll-region";
import { StatusBadge } from "./status-badge";

/** Renders a month's records as a table: date, course, status and remark. */
export function AttendanceList({
  month,
  records,
}: {
  month: SchoolMonth;
  records: AttendanceRecord[];
}) {
  return (
    <ScrollRegion
      label={`Records in ${formatSchoolMonth(month)}`}
      className="rounded-md border border-zinc-200 bg-white"
    >
      <table className={tableClass}>
        <caption className="sr-only">Attendance records in {formatSchoolMonth(month)}</caption>
        <thead className="bg-zinc-50">
          <tr>
            <th scope="col" className={headerCellClass}>Date</th>
            <th scope="col" className={headerCellClass}>Course</th>
            <th scope="col" className={headerCellClass}>Status</th>
            <th scope="col" className={headerCellClass}>Remark</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200">
          {records.map((record) => (
            <tr key={record.id}>
              <th scope="row" className={`${cellClass} font-medium whitespace-nowrap`}>
                <time dateTime={record.date}>{formatSchoolDate(record.date)}</time>
              </th>
              <td className={cellClass}>{record.courseName}</td>
              <td className={cellClass}>
                <StatusBadge status={record.status} />
              </td>
              <td className={`${cellClass} [overflow-wrap:anywhere]`}>{record.remark ?? "None"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
