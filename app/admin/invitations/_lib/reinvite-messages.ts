// Imported by a client component, so only types come from the server modules.
import type { ActionResult } from "@/lib/actions";
import type { ReinviteOutcome } from "@/lib/reinvite-parents";

/** One row of the per-parent results shown after a bulk re-invite. */
export type ReinviteResultRow = {
  userId: number;
  name: string;
  login: string;
  outcome: ReinviteOutcome;
};

/** The re-invite action's result: the usual message plus one row per parent. */
export type ReinviteActionResult =
  | (NonNullable<ActionResult> & { rows?: ReinviteResultRow[] })
  | null;

export const reinviteOutcomeLabels: Record<ReinviteOutcome, string> = {
  queued: "Invitation queued",
  accepted: "Skipped: has already set a password",
  deactivated: "Skipped: the portal user is deactivated",
  not_parent: "Skipped: not a parent's portal user",
  user_not_found: "Skipped: the portal user no longer exists",
  too_many_emails: "Skipped: 3 invitation or reset emails in the last 15 minutes; try again later",
};
