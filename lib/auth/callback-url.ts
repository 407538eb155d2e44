/**
 * Returns `value` if it is a path on this site, else null. Rejects absolute
 * URLs, protocol-relative "//host" and "/\host" forms, and anything that
 * resolves to another origin.
 */
export function safeCallbackPath(value: unknown): string | null {
  if (typeof value !== "string" || !value.startsWith("/")) return null;
  if (value.startsWith("//") || value.startsWith("/\\") || /[\p{Cc}]/u.test(value)) return null;
  const base = "http://portal.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  return url.pathname + url.search;
}

/** Returns where a user lands after login: the callback if their role may open it, else their home. */
export function landingPath(role: "manager" | "portal", callback: string | null): string {
  const home = role === "manager" ? "/admin" : "/portal";
  if (!callback) return home;
  if (role !== "manager" && callback.startsWith("/admin")) return home;
  if (role === "manager" && callback.startsWith("/portal")) return home;
  return callback;
}
