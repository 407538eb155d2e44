"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { sectionClass } from "@/app/admin/_components/styles";
import { useLatestResult } from "@/app/admin/_components/use-latest-result";
import type { ParentDetail } from "@/lib/parents/queries";
import { createParentUserAction, resendParentInvitationAction } from "../actions";
import { readShareUserId } from "../_lib/create-parent-user-messages";

/**
 * Renders the parent's portal user (its login and invitation status, with
 * Resend invitation when `canResendInvitation` is set and the user is active)
 * or, when there is none, the Create Parent User button. The forms' results are kept here, so the "created"
 * message stays on screen after the page refreshes to show the new user.
 */
export function ParentPortalUser({
  parentId,
  user,
  invitationBadge,
  canResendInvitation,
}: {
  parentId: number;
  user: ParentDetail["user"];
  invitationBadge: React.ReactNode;
  canResendInvitation: boolean;
}) {
  const [createState, createAction] = useActionState(createParentUserAction, null);
  const [resendState, resendAction] = useActionState(resendParentInvitationAction, null);
  const message = useLatestResult([createState, resendState]);
  const shareUserId = user ? null : readShareUserId(createState);

  return (
    <section aria-labelledby="portal-user-heading" className={sectionClass}>
      <h2 id="portal-user-heading" className="text-lg font-semibold">
        Portal user
      </h2>
      <FormMessage result={message} />
      {user ? (
        <>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="font-medium text-zinc-700">User</dt>
            <dd className="[overflow-wrap:anywhere]">{user.login}</dd>
          </dl>
          {invitationBadge ? <p className="text-sm">Invitation: {invitationBadge}</p> : null}
          {user.active ? null : (
            <p className="text-sm text-red-800">This portal user is deactivated and cannot log in.</p>
          )}
          {user.hasPassword || !user.active || !canResendInvitation ? null : (
            <form action={resendAction}>
              <input type="hidden" name="parentId" value={parentId} />
              <SubmitButton variant="secondary" pendingLabel="Sending…">
                Resend invitation
              </SubmitButton>
            </form>
          )}
        </>
      ) : (
        <form action={createAction} className="flex flex-col items-start gap-3">
          <p className="text-sm text-zinc-700">
            This parent has no portal user. Creating one uses the parent&apos;s Email (or Contact
            email) as the login and sends an invitation to set a password.
          </p>
          <input type="hidden" name="parentId" value={parentId} />
          <div className="flex flex-wrap gap-2">
            <SubmitButton pendingLabel="Creating…">Create Parent User</SubmitButton>
            {shareUserId !== null ? (
              <SubmitButton
                variant="secondary"
                name="shareUserId"
                value={String(shareUserId)}
                pendingLabel="Linking…"
              >
                Link to this existing account
              </SubmitButton>
            ) : null}
          </div>
        </form>
      )}
    </section>
  );
}
