import type { AttendanceStatus } from "@/db/schema";

export type AttendanceCounts = Record<AttendanceStatus, number>;

export function emptyCounts(): AttendanceCounts {
  return { present: 0, absent: 0, late: 0, excused: 0 };
}

/**
 * Returns the attendance rate as a fraction from 0 to 1: sessions attended
 * (present or late) over sessions that counted (present, late or absent).
 * Excused sessions count for neither. Returns null when nothing counted.
 */
export function attendanceRate(counts: AttendanceCounts): number | null {
  const attended = counts.present + counts.late;
  const counted = attended + counts.absent;
  return counted === 0 ? null : attended / counted;
}

/** A month as "YYYY-MM", such as "2027-01". */
export type SchoolMonth = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month in which the school year, and so the term shown in the portal, starts. */
export const TERM_START_MONTH = 9;

/** Checks that `value` is a real YYYY-MM-DD calendar date, so 2027-02-31 is rejected. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Parses a "YYYY-MM" month, such as the `?month=` query value; returns null for anything else. */
export function parseSchoolMonth(value: string | string[] | undefined): SchoolMonth | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined || !ISO_MONTH.test(first)) return null;
  return first;
}

/** Returns the month ("YYYY-MM") of a stored YYYY-MM-DD school date. */
export function schoolMonthOf(isoDate: string): SchoolMonth {
  return isoDate.slice(0, 7);
}

/** Returns the month `delta` months after `month` (before it when negative). */
export function shiftMonth(month: SchoolMonth, delta: number): SchoolMonth {
  const [year, monthNumber] = month.split("-").map(Number);
  const index = year * 12 + (monthNumber - 1) + delta;
  const shiftedYear = Math.floor(index / 12);
  const shiftedMonth = (index % 12) + 1;
  return `${String(shiftedYear).padStart(4, "0")}-${String(shiftedMonth).padStart(2, "0")}`;
}

/** Returns every month from `first` to `last`, both included, in order. */
export function monthsBetween(first: SchoolMonth, last: SchoolMonth): SchoolMonth[] {
  const months: SchoolMonth[] = [];
  for (let month = first; month <= last; month = shiftMonth(month, 1)) months.push(month);
  return months;
}

/** Returns the first day of the month ("YYYY-MM-01"). */
export function firstDayOf(month: SchoolMonth): string {
  return `${month}-01`;
}

/**
 * Returns the first day of the term that contains `today`: 1 September of the
 * current school year. Before September that is 1 September of the previous
 * calendar year, so 2027-01-27 belongs to the term that began on 2026-09-01.
 */
export function termStartOf(today: string): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const startYear = month >= TERM_START_MONTH ? year : year - 1;
  return `${startYear}-${String(TERM_START_MONTH).padStart(2, "0")}-01`;
}

/**
 * Lays a month out as calendar weeks from Monday to Sunday. Each week has
 * seven cells: a YYYY-MM-DD date, or null for a day of the previous or next month.
 */
export function calendarWeeks(month: SchoolMonth): (string | null)[][] {
  const [year, monthNumber] = month.split("-").map(Number);
  const first = new Date(Date.UTC(year, monthNumber - 1, 1));
  const daysInMonth = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  // getUTCDay() counts from Sunday (0); the grid starts on Monday.
  const leadingBlanks = (first.getUTCDay() + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: leadingBlanks }, () => null);
  for (let day = 1; day <= daysInMonth; day++) {
    cells.push(`${month}-${String(day).padStart(2, "0")}`);
  }
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let start = 0; start < cells.length; start += 7) weeks.push(cells.slice(start, start + 7));
  return weeks;
}

/** Formats a month for display, such as "January 2027", with no time-zone shift. */
export function formatSchoolMonth(month: SchoolMonth, locale = "en-GB"): string {
  const [year, monthNumber] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, monthNumber - 1, 1)),
  );
}

/** Formats an attendance rate (0 to 1, or null) as a whole percentage, or "No sessions". */
export function formatRate(rate: number | null): string {
  return rate === null ? "No sessions" : `${Math.round(rate * 100)}%`;
}

/** Adds up the counts of several months. */
export function sumCounts(counts: AttendanceCounts[]): AttendanceCounts {
  const total = emptyCounts();
  for (const entry of counts) {
    for (const status of Object.keys(total) as AttendanceStatus[]) total[status] += entry[status];
  }
  return total;
}

/** Labels shown for each status. */
export const STATUS_LABELS: Record<AttendanceStatus, string> = {
  present: "Present",
  absent: "Absent",
  late: "Late",
  excused: "Excused",
};

/** The statuses in the order the manager's form lists them. */
export const ATTENDANCE_STATUS_ORDER = Object.keys(STATUS_LABELS) as AttendanceStatus[];

/**
 * Picks the month the portal shows when the URL names none: the current
 * month when it has records, else the latest earlier month with records,
 * else the current month.
 */
export function defaultAttendanceMonth(
  currentMonth: SchoolMonth,
  monthsWithRecords: Iterable<SchoolMonth>,
): SchoolMonth {
  let latest: SchoolMonth | null = null;
  for (const month of monthsWithRecords) {
    if (month === currentMonth) return currentMonth;
    if (month < currentMonth && (latest === null || month > latest)) latest = month;
  }
  return latest ?? currentMonth;
}
