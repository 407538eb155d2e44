const MAX_SEARCH_LENGTH = 100;

/**
 * Parses a record id from a URL segment. Returns null unless the segment is a
 * positive integer in plain digits, so "1e3", "0x10" or " 7" are not found.
 */
export function parseRouteId(segment: string): number | null {
  if (!/^[1-9][0-9]{0,15}$/.test(segment)) return null;
  const id = Number(segment);
  return Number.isSafeInteger(id) ? id : null;
}

/** Reads the `?q=` search text: the first value, trimmed and cut to 100 characters. */
export function parseSearchQuery(value: string | string[] | undefined): string {
  const first = Array.isArray(value) ? value[0] : value;
  return (first ?? "").trim().slice(0, MAX_SEARCH_LENGTH);
}
