import { getEnv } from "@/lib/env";

/** Returns the hour (0–23) of `instant` on the clocks of the school's time zone. */
export function schoolHourOf(instant: Date, timeZone = getEnv().SCHOOL_TIME_ZONE): number {
  const hour = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    hourCycle: "h23",
  }).format(instant);
  return Number(hour);
}

/** Formats an instant as date and time in the school's time zone, e.g. "27 Jan 2026, 17:05". */
export function formatSchoolDateTime(instant: Date, timeZone = getEnv().SCHOOL_TIME_ZONE): string {
  return new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  }).format(instant);
}
