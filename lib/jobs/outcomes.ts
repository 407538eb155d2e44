import type { BulkJobKind } from "@/db/schema";

/** Outcome of a bulk job for one parent, stored in bulk_job_items.outcome. */
export const bulkOutcomes = [
  "created",
  "already_has_user",
  "skipped_no_email",
  "skipped_login_exists",
  "invalid_email",
  "invited",
  "skipped_already_active",
  "skipped_deactivated",
  "skipped_too_many_emails",
  "skipped_no_user",
  "skipped_parent_not_found",
  "failed",
] as const;
export type BulkOutcome = (typeof bulkOutcomes)[number];

export const outcomeLabels: Record<BulkOutcome, string> = {
  created: "Created",
  already_has_user: "Already had a user",
  skipped_no_email: "Skipped: no email",
  skipped_login_exists: "Skipped: login exists",
  invalid_email: "Invalid email",
  invited: "Invited",
  skipped_already_active: "Skipped: already active",
  skipped_deactivated: "Skipped: user deactivated",
  skipped_too_many_emails: "Skipped: too many emails in 15 minutes",
  skipped_no_user: "Skipped: no user",
  skipped_parent_not_found: "Skipped: parent deleted",
  failed: "Failed",
};

export const jobKindLabels: Record<BulkJobKind, string> = {
  create_parent_users: "Create Parent Users",
  reinvite_parents: "Re-invite parents",
};

export function isBulkOutcome(value: string | null | undefined): value is BulkOutcome {
  return bulkOutcomes.some((outcome) => outcome === value);
}
