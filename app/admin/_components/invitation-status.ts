import type { InvitationStatus } from "@/lib/email/queries";

/** Formats an invitation status for managers, e.g. "sent" or "failed — <reason> (retrying automatically)". */
export function describeInvitationStatus(status: InvitationStatus): string {
  switch (status.state) {
    case "failed": {
      const next = status.retrying
        ? "retrying automatically"
        : "no more automatic retries: click Resend invitation";
      return `failed — ${status.lastError} (${next})`;
    }
    case "not_sent":
      return "not sent";
    default:
      return status.state;
  }
}
