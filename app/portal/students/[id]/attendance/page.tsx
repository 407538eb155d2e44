import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import {
  getAttendanceOfMonth,
  getMonthlyAttendanceCounts,
  getVisibleStudentName,
} from "@/lib/attendance/queries";
import {
  defaultAttendanceMonth,
  formatSchoolMonth,
  monthsBetween,
  parseSchoolMonth,
  schoolMonthOf,
  shiftMonth,
  termStartOf,
} from "@/lib/attendance/rules";
import { requirePortalUser } from "@/lib/auth/session";
import { formatSchoolDate, schoolToday } from "@/lib/school-calendar";
import { AttendanceCalendar } from "./_components/attendance-calendar";
import { AttendanceList } from "./_components/attendance-list";
import { TermSummary } from "./_components/term-summary";

export const metadata: Metadata = { title: "Attendance" };

const linkClass =
  "inline-flex min-h-10 items-center rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm font-medium text-blue-800 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700";

/**
 * Renders one student's attendance: a month as a calendar and a list
 * (`?month=YYYY-MM`), and the term so far as totals and a chart. It reads
 * with three queries after the session, however many records there are.
 */
export default async function StudentAttendancePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePortalUser();
  const { id } = await params;
  const studentId = /^[1-9]\d{0,11}$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(studentId)) notFound();
  const db = getDb();
  const studentName = await getVisibleStudentName(db, user.id, studentId);
  // Someone else's student and a missing one get the same 404 response.
  if (studentName === null) notFound();

  const today = schoolToday();
  const currentMonth = schoolMonthOf(today);
  const termStart = termStartOf(today);
  const countsByMonth = await getMonthlyAttendanceCounts(db, { studentId, from: termStart, to: today });
  const month =
    parseSchoolMonth((await searchParams).month) ??
    defaultAttendanceMonth(currentMonth, countsByMonth.keys());
  const records = await getAttendanceOfMonth(db, { studentId, month });
  const monthLabel = formatSchoolMonth(month);
  const basePath = `/portal/students/${studentId}/attendance`;

  return (
    <article aria-labelledby="attendance-heading" className="flex flex-col gap-6">
      <p className="text-sm">
        <Link href={`/portal/students/${studentId}`} className="text-blue-700 underline">
          ← {studentName}
        </Link>
      </p>
      <h2 id="attendance-heading" className="text-xl font-semibold">
        Attendance of {studentName}
      </h2>

      <section
        aria-labelledby="month-heading"
        className="flex flex-col gap-4 rounded-lg border border-zinc-200 bg-white p-5"
      >
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="month-heading" className="text-lg font-semibold">
            {monthLabel}
          </h2>
          <nav aria-label="Months" className="flex flex-wrap gap-2">
            <Link href={`${basePath}?month=${shiftMonth(month, -1)}`} className={linkClass}>
              Previous month
            </Link>
            {month < currentMonth ? (
              <Link href={`${basePath}?month=${shiftMonth(month, 1)}`} className={linkClass}>
                Next month
              </Link>
            ) : null}
          </nav>
        </div>
        {records.length === 0 ? (
          <p className="text-zinc-700">
            No attendance is recorded for {studentName} in {monthLabel}. Use Previous month to see
            earlier months.
          </p>
        ) : (
          <>
            <AttendanceCalendar month={month} records={records} today={today} />
            <h3 className="text-base font-semibold">Records in {monthLabel}</h3>
            <AttendanceList month={month} records={records} />
          </>
        )}
      </section>

      <section
        aria-labelledby="term-heading"
        className="flex flex-col gap-4 rounded-lg border border-zinc-200 bg-white p-5"
      >
        <div>
          <h2 id="term-heading" className="text-lg font-semibold">
            This term
          </h2>
          <p className="text-sm text-zinc-700">
            From {formatSchoolDate(termStart)} to {formatSchoolDate(today)}. The rate counts present
            and late as attended; excused sessions are left out.
          </p>
        </div>
        <TermSummary
          months={monthsBetween(schoolMonthOf(termStart), currentMonth)}
          countsByMonth={countsByMonth}
        />
      </section>
    </article>
  );
}
