import { getEnv } from "@/lib/env";

/**
 * Returns the calendar date (YYYY-MM-DD) of `instant` in the school's time
 * zone. Attendance, exams, fees and payments store these dates, so a session
 * taken on 27 January reads as 27 January to every reader and server.
 */
export function schoolDateOf(instant: Date, timeZone = getEnv().SCHOOL_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** Returns today's date in the school's time zone. */
export function schoolToday(now = new Date()): string {
  return schoolDateOf(now);
}

/**
 * Formats a stored YYYY-MM-DD date for display. The date is read as a plain
 * calendar date (formatted in UTC), so the reader's time zone cannot move it.
 */
export function formatSchoolDate(
  isoDate: string,
  locale = "en-GB",
  style: "long" | "medium" | "short" = "long",
): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: "UTC" }).format(utcDateOf(isoDate));
}

/** Formats a stored YYYY-MM-DD date as day and short month, such as "15 Oct", for chart labels. */
export function formatSchoolDayMonth(isoDate: string, locale = "en-GB"): string {
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" }).format(
    utcDateOf(isoDate),
  );
}

/**
 * Returns midnight UTC of a YYYY-MM-DD date. The year is set with
 * setUTCFullYear, because Date.UTC maps years 0 to 99 to 1900 to 1999.
 */
function utcDateOf(isoDate: string): Date {
  const [year, month, day] = isoDate.split("-").map(Number);
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date;
}

/** Formats an amount of minor units (cents) in the school's currency for a locale. */
export function formatMoney(
  amountMinor: number,
  locale = "en-GB",
  currency = getEnv().SCHOOL_CURRENCY,
): string {
  const format = new Intl.NumberFormat(locale, { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}
