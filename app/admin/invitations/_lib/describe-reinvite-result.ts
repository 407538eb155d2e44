import { MAX_REINVITES, type ReinviteRow } from "@/lib/reinvite-parents";
import type { ReinviteActionResult } from "./reinvite-messages";

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * Builds the action's result from reinviteParents' rows. `matching` is how
 * many parents the "all matching" scope found, when it was used, so the
 * message can state that the cap left some for the next click.
 */
export function describeReinviteResult(
  rows: ReinviteRow[],
  matching: number | null,
): ReinviteActionResult {
  const queued = rows.filter((row) => row.outcome === "queued").length;
  const skipped = rows.length - queued;
  const parts: string[] = [];
  if (queued > 0) {
    const invitations = plural(queued, "new invitation is", "new invitations are");
    parts.push(`${invitations} on the way. Links in earlier invitations no longer work.`);
  } else {
    parts.push("No invitation was sent.");
  }
  if (skipped > 0) {
    const parents = plural(skipped, "parent was", "parents were");
    parts.push(`${parents} skipped: see the results below.`);
  }
  if (matching !== null && matching > rows.length) {
    parts.push(
      `${matching} parents match, and one click re-invites at most ${MAX_REINVITES}, ` +
        "those with the oldest invitations first. Click Re-invite all matching again for the rest.",
    );
  }
  return {
    ok: queued > 0,
    message: parts.join(" "),
    rows: rows.map((row) => ({
      userId: row.userId,
      name: row.name ?? `User ${row.userId}`,
      login: row.login ?? "—",
      outcome: row.outcome,
    })),
  };
}
