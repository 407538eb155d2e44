"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { sectionClass } from "@/app/admin/_components/styles";
import { useLatestResult } from "@/app/admin/_components/use-latest-result";
import type { UserDetail } from "@/lib/users/queries";
import {
  deactivateUserAction,
  reactivateUserAction,
  resendUserInvitationAction,
  sendPasswordResetAction,
} from "../actions";

/**
 * Renders the account buttons of one user, with the latest result above them.
 * Resend invitation shows when `canResendInvitation` is set by the page from
 * the user's invitation state.
 */
export function UserActions({
  user,
  canResendInvitation,
}: {
  user: UserDetail;
  canResendInvitation: boolean;
}) {
  const [deactivateState, deactivate] = useActionState(deactivateUserAction, null);
  const [reactivateState, reactivate] = useActionState(reactivateUserAction, null);
  const [resetState, sendReset] = useActionState(sendPasswordResetAction, null);
  const [inviteState, resendInvite] = useActionState(resendUserInvitationAction, null);
  const message = useLatestResult([deactivateState, reactivateState, resetState, inviteState]);
  const hidden = <input type="hidden" name="userId" value={user.id} />;

  return (
    <section aria-labelledby="account-heading" className={sectionClass}>
      <h2 id="account-heading" className="text-lg font-semibold">
        Account
      </h2>
      <FormMessage result={message} />
      <div className="flex flex-wrap gap-2">
        {canResendInvitation ? (
          <form action={resendInvite}>
            {hidden}
            <SubmitButton variant="secondary" pendingLabel="Sending…">
              Resend invitation
            </SubmitButton>
          </form>
        ) : null}
        {user.state === "active" ? (
          <form action={sendReset}>
            {hidden}
            <SubmitButton variant="secondary" pendingLabel="Sending…">
              Send password reset
            </SubmitButton>
          </form>
        ) : null}
        {user.state === "deactivated" ? (
          <form action={reactivate}>
            {hidden}
            <SubmitButton variant="secondary" pendingLabel="Reactivating…">
              Reactivate
            </SubmitButton>
          </form>
        ) : (
          <form action={deactivate}>
            {hidden}
            <SubmitButton variant="danger" pendingLabel="Deactivating…">
              Deactivate
            </SubmitButton>
          </form>
        )}
      </div>
      {user.isSelf ? (
        <p className="text-sm text-zinc-700">This is your own account, so you cannot deactivate it.</p>
      ) : null}
    </section>
  );
}
