import type { Transaction } from "@/db/client";
import type { TokenPurpose } from "@/db/schema";
import { recordAudit } from "./record";

/**
 * Records password.set (an invitation accepted) or password.reset (a reset
 * link used), with the user as the author, because only the user has the
 * link. The event records that a password was set, never the password.
 */
export function recordPasswordSet(
  tx: Transaction,
  user: { id: number; login: string; name: string },
  purpose: TokenPurpose,
): Promise<void> {
  const invitation = purpose === "invitation";
  return recordAudit(
    tx,
    [
      {
        action: invitation ? "password.set" : "password.reset",
        summary: invitation
          ? `${user.name} accepted the invitation and set a password for ${user.login}`
          : `${user.name} used a reset link and set a new password for ${user.login}`,
        userId: user.id,
        before: { link: "unused" },
        after: { link: "used", password: invitation ? "set" : "changed" },
      },
    ],
    { userId: user.id, name: user.name },
  );
}
