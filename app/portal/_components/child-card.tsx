import Link from "next/link";
import type { ChildCard as ChildCardData, FeeSummary } from "@/lib/dashboard/queries";
import { formatMoney, formatSchoolDate } from "@/lib/school-calendar";
import {
  ATTENDANCE_LABELS,
  formatIsoDate,
  formatPercent,
  formatRelationships,
} from "../format";
import { STUDENT_PAGES, studentPagePath } from "./student-pages";

const linkClass =
  "text-blue-700 underline underline-offset-2 hover:text-blue-900 focus-visible:outline-2 focus-visible:outline-blue-700";

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function TodayAttendance({ card }: { card: ChildCardData }) {
  if (card.today.length === 0) return <>No session recorded today</>;
  return (
    <ul>
      {card.today.map((session) => (
        <li key={session.courseName}>
          {session.courseName}: <span className="font-medium">{ATTENDANCE_LABELS[session.status]}</span>
          {session.remark ? <span className="text-zinc-700"> ({session.remark})</span> : null}
        </li>
      ))}
    </ul>
  );
}

function AttendanceSoFar({ card }: { card: ChildCardData }) {
  if (card.attendanceRate === null) return <>No sessions recorded yet</>;
  const { absent, late } = card.attendance;
  return (
    <>
      {formatPercent(card.attendanceRate)} attended · {plural(absent, "absence", "absences")} ·{" "}
      {plural(late, "late arrival", "late arrivals")}
    </>
  );
}

function LatestResult({ card }: { card: ChildCardData }) {
  const result = card.latestResult;
  if (!result) return <>No results yet</>;
  return (
    <>
      <span className="font-medium">
        Grade {result.grade} ({result.marks}/{result.maxMarks})
      </span>{" "}
      in {result.subjectName}, {result.examName}, {formatSchoolDate(result.examDate)}
    </>
  );
}

function Fees({ fees, locale }: { fees: FeeSummary; locale: string }) {
  if (fees.overdueCount === 0 && fees.dueCount === 0) return <>Nothing to pay</>;
  return (
    <ul>
      {fees.overdueCount > 0 ? (
        <li className="font-medium text-red-800">
          {formatMoney(fees.overdueMinor, locale)} overdue ({plural(fees.overdueCount, "fee", "fees")})
        </li>
      ) : null}
      {fees.dueCount > 0 ? (
        <li>
          {formatMoney(fees.dueMinor, locale)} due ({plural(fees.dueCount, "fee", "fees")})
          {fees.nextDueDate ? `, next on ${formatSchoolDate(fees.nextDueDate)}` : ""}
        </li>
      ) : null}
    </ul>
  );
}

/**
 * Renders one child's summary on the portal home: today's attendance, the
 * attendance so far, the latest result, fees and unread notifications.
 * Money is formatted for `locale`, the reader's.
 */
export function ChildCard({ card, locale }: { card: ChildCardData; locale: string }) {
  const { student } = card;
  const headingId = `child-${student.id}-name`;
  const rows = [
    { term: "Today", detail: <TodayAttendance card={card} /> },
    { term: "Attendance so far", detail: <AttendanceSoFar card={card} /> },
    { term: "Latest result", detail: <LatestResult card={card} /> },
    { term: "Fees", detail: <Fees fees={card.fees} locale={locale} /> },
    {
      term: "Notifications",
      detail:
        card.unreadNotifications === 0 ? (
          "None unread"
        ) : (
          <Link href="/portal/notifications" className={linkClass}>
            {card.unreadNotifications} unread
            <span className="sr-only"> about {student.name}</span>
          </Link>
        ),
    },
  ];

  return (
    <article
      aria-labelledby={headingId}
      className="flex h-full flex-col gap-4 rounded-lg border border-zinc-200 bg-white p-5 shadow-sm"
    >
      <header>
        <h2 id={headingId} className="text-lg font-semibold">
          <Link href={studentPagePath(student.id, "")} className={linkClass}>
            {student.name}
          </Link>
        </h2>
        <p className="mt-1 text-sm text-zinc-700">
          {formatRelationships(student.relationships, student.isSelf)} · Born{" "}
          {formatIsoDate(student.birthDate)}
        </p>
      </header>
      <dl className="grid gap-3 text-sm">
        {rows.map(({ term, detail }) => (
          <div key={term}>
            <dt className="font-semibold text-zinc-800">{term}</dt>
            <dd className="mt-0.5">{detail}</dd>
          </div>
        ))}
      </dl>
      <nav aria-label={`Pages about ${student.name}`} className="mt-auto border-t border-zinc-200 pt-3">
        <ul className="flex flex-wrap gap-x-4 gap-y-2 text-sm">
          {STUDENT_PAGES.filter(({ segment }) => segment !== "").map(({ segment, label }) => (
            <li key={segment}>
              <Link href={studentPagePath(student.id, segment)} className={linkClass}>
                {label}
                <span className="sr-only"> of {student.name}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </article>
  );
}
