import type { AttendanceRecord } from "@/lib/attendance/queries";
import { calendarWeeks, formatSchoolMonth, type SchoolMonth } from "@/lib/attendance/rules";
import { formatSchoolDate } from "@/lib/school-calendar";
import { ScrollRegion } from "./scroll-region";
import { StatusBadge } from "./status-badge";

const WEEKDAYS = [
  ["Mon", "Monday"],
  ["Tue", "Tuesday"],
  ["Wed", "Wednesday"],
  ["Thu", "Thursday"],
  ["Fri", "Friday"],
  ["Sat", "Saturday"],
  ["Sun", "Sunday"],
] as const;

function DayCell({
  date,
  records,
  today,
}: {
  date: string;
  records: AttendanceRecord[];
  today: string;
}) {
  const isToday = date === today;
  return (
    <td
      aria-current={isToday ? "date" : undefined}
      className={`h-24 w-[14.28%] border border-zinc-200 p-1 align-top ${isToday ? "bg-blue-50" : "bg-white"}`}
    >
      <time dateTime={date} className="block text-sm font-medium text-zinc-800">
        <span aria-hidden="true">{Number(date.slice(8, 10))}</span>
        <span className="sr-only">{formatSchoolDate(date)}</span>
      </time>
      {records.length > 0 ? (
        <ul className="mt-1 flex flex-col gap-1">
          {records.map((record) => (
            <li key={record.id} className="text-xs">
              <StatusBadge status={record.status} />{" "}
              <span className="text-zinc-700">{record.courseCode}</span>
              {record.remark ? (
                <span className="block text-zinc-700 italic [overflow-wrap:anywhere]">
                  {record.remark}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </td>
  );
}

/** Renders a month as a Monday-to-Sunday grid with each day's records. */
export function AttendanceCalendar({
  month,
  records,
  today,
}: {
  month: SchoolMonth;
  records: AttendanceRecord[];
  today: string;
}) {
  const byDate = new Map<string, AttendanceRecord[]>();
  for (const record of records) byDate.set(record.date, [...(byDate.get(record.date) ?? []), record]);
  return (
    <ScrollRegion label={`Calendar for ${formatSchoolMonth(month)}`} className="rounded-md">
      <table className="w-full min-w-[40rem] table-fixed border-collapse text-left">
        <caption className="sr-only">Attendance calendar for {formatSchoolMonth(month)}</caption>
        <thead>
          <tr>
            {WEEKDAYS.map(([short, full]) => (
              <th key={short} scope="col" className="px-1 py-2 text-sm font-semibold text-zinc-800">
                <abbr title={full} className="no-underline">
                  {short}
                </abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {calendarWeeks(month).map((week) => (
            <tr key={week.find((day) => day !== null)}>
              {week.map((date, index) =>
                date === null ? (
                  <td key={`blank-${index}`} className="border border-zinc-200 bg-zinc-50" />
                ) : (
                  <DayCell key={date} date={date} records={byDate.get(date) ?? []} today={today} />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
