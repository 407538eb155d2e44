import { emailModes, notificationKinds, type EmailMode, type NotificationKind } from "@/db/schema";

export { emailModes, notificationKinds, type EmailMode, type NotificationKind };

/** Name of each kind on the preferences page and in emails. */
export const notificationKindLabels: Record<NotificationKind, string> = {
  announcement: "Announcements",
  absence: "Absences",
  result: "New results",
  fee_overdue: "Overdue fees",
};

export const emailModeLabels: Record<EmailMode, string> = {
  immediate: "Immediately",
  daily: "Daily digest",
  off: "Off",
};

/**
 * The hour, on the school's clocks (SCHOOL_TIME_ZONE), from which the daily
 * digest of a school-local day is sent: 17 means 17:00 or later.
 */
export const DIGEST_HOUR = 17;

/** The email mode of a kind for a user who has not saved a preference for it. */
export const DEFAULT_EMAIL_MODE: EmailMode = "immediate";

/**
 * Returns `link` when it is a path on this site, and null otherwise. A path
 * starts with one "/" and has no backslash, so "//host", "/\host" and
 * "https://host" (which browsers would follow to another site) are rejected.
 */
export function safeSitePath(link: string | null | undefined): string | null {
  if (!link || !link.startsWith("/") || link.startsWith("//")) return null;
  if (/[\\\s]/.test(link)) return null;
  return link;
}
