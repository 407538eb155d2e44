import { getEnv } from "@/lib/env";
import { formatSchoolDateTime } from "@/lib/notifications/time";

/** Returns the short name of `timeZone` at `instant`, such as "GMT" or "BST" for Europe/London. */
function timeZoneNameAt(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "short" }).formatToParts(instant);
  return parts.find((part) => part.type === "timeZoneName")?.value ?? timeZone;
}

/**
 * Formats a timestamp in the school's time zone, as the portal does, followed
 * by the zone's short name, such as "27 Jan 2027, 17:05 GMT".
 */
export function formatDateTime(value: Date, timeZone = getEnv().SCHOOL_TIME_ZONE): string {
  return `${formatSchoolDateTime(value, timeZone)} ${timeZoneNameAt(value, timeZone)}`;
}

/** "father" → "Father". */
export function formatRelationship(relationship: string): string {
  return relationship.charAt(0).toUpperCase() + relationship.slice(1);
}

/** Returns "matches" for one item and "match" for any other count. */
export function matchVerb(count: number): string {
  return count === 1 ? "matches" : "match";
}
