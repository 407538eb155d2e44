const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/** Formats a timestamp in UTC, so every manager reads the same time whatever the server's zone. */
export function formatDateTime(value: Date): string {
  return `${dateTimeFormat.format(value)} UTC`;
}

/** "father" → "Father". */
export function formatRelationship(relationship: string): string {
  return relationship.charAt(0).toUpperCase() + relationship.slice(1);
}
