/** Checks whether an error is SQLite rejecting a row for a UNIQUE constraint. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const { code, message } = e as { code?: string; message?: string };
    if (code?.startsWith("SQLITE_CONSTRAINT_UNIQUE") || code === "SQLITE_CONSTRAINT_PRIMARYKEY") {
      return true;
    }
    if (message?.includes("UNIQUE constraint failed")) return true;
  }
  return false;
}
