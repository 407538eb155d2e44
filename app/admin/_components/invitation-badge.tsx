import type { InvitationState, InvitationStateName } from "@/lib/invitation-state";
import { describeInvitationStatus } from "./invitation-status";

// Each colour pairs with the state's words, so the badge never relies on colour alone.
const toneClasses: Record<InvitationStateName, string> = {
  not_invited: "border-zinc-300 bg-zinc-50 text-zinc-700",
  not_sent: "border-zinc-300 bg-zinc-50 text-zinc-800",
  queued: "border-sky-300 bg-sky-50 text-sky-900",
  sent: "border-blue-300 bg-blue-50 text-blue-900",
  failed: "border-red-300 bg-red-50 text-red-800",
  expired: "border-amber-300 bg-amber-50 text-amber-900",
  accepted: "border-green-300 bg-green-50 text-green-800",
};

/**
 * Renders an invitation state as a coloured label with the words of
 * describeInvitationStatus, such as "failed — <reason> (retrying automatically)".
 */
export function InvitationBadge({ status }: { status: InvitationState }) {
  return (
    <span
      className={`inline-block rounded border px-1.5 py-0.5 text-xs font-medium [overflow-wrap:anywhere] ${toneClasses[status.state]}`}
    >
      {describeInvitationStatus(status)}
    </span>
  );
}
