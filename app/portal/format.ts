/** Formats an ISO date (YYYY-MM-DD) as a calendar date, with no time-zone shift. */
export function formatIsoDate(value: string | null): string {
  if (!value) return "Not recorded";
  const [year, month, day] = value.split("-").map(Number);
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

export function formatRelationships(relationships: string[], isSelf: boolean): string {
  if (isSelf) return "You";
  if (relationships.length === 0) return "Linked student";
  return relationships.map((r) => r.charAt(0).toUpperCase() + r.slice(1)).join(", ");
}
