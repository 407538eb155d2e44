import type { InvitationState, InvitationStateName } from "@/lib/invitation-state";

/** Formats an invitation status for managers, e.g. "sent" or "failed — <reason> (retrying automatically)". */
export function describeInvitationStatus(status: InvitationState): string {
  switch (status.state) {
    case "failed": {
      const next = status.retrying
        ? "retrying automatically"
        : "no more automatic retries: click Resend invitation";
      return `failed — ${status.lastError} (${next})`;
    }
    case "not_sent":
      return "not sent";
    case "not_invited":
      return "not invited";
    default:
      return status.state;
  }
}

/** Short labels for the state filter of the invitations report. */
export const invitationStateLabels: Record<InvitationStateName, string> = {
  not_invited: "Not invited",
  not_sent: "Not sent",
  queued: "Queued",
  sent: "Sent",
  failed: "Failed",
  expired: "Expired",
  accepted: "Accepted",
};
