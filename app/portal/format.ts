/** Formats an ISO date (YYYY-MM-DD) as a calendar date, with no time-zone shift. */
export function formatIsoDate(value: string | null): string {
  if (!value) return "Not recorded";
  const [year, month, day] = value.split("-").map(Number);
  // setUTCFullYear keeps years 0 to 99, which Date.UTC would map to 1900 to 1999.
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(date);
}

export function formatRelationships(relationships: string[], isSelf: boolean): string {
  if (isSelf) return "You";
  if (relationships.length === 0) return "Linked student";
  return relationships.map((r) => r.charAt(0).toUpperCase() + r.slice(1)).join(", ");
}

const DEFAULT_LOCALE = "en-GB";

/**
 * Picks the reader's locale from an Accept-Language header: the tag with the
 * highest q-value that Intl supports, or en-GB when none is usable.
 */
export function localeFromAcceptLanguage(header: string | null): string {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const qParam = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
      const quality = qParam === undefined ? 1 : Number(qParam.slice(2));
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter(({ tag, quality }) => quality > 0 && tag !== "*" && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(tag))
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    try {
      const [supported] = Intl.NumberFormat.supportedLocalesOf(tag);
      if (supported) return supported;
    } catch {
      // A structurally invalid tag: try the next one.
    }
  }
  return DEFAULT_LOCALE;
}

export const ATTENDANCE_LABELS = {
  present: "Present",
  absent: "Absent",
  late: "Late",
  excused: "Excused absence",
} as const;

/** Formats a fraction from 0 to 1 as a whole percentage, such as "94%". */
export function formatPercent(fraction: number, locale = DEFAULT_LOCALE): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(fraction);
}
