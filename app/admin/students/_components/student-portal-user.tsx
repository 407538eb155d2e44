"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { sectionClass } from "@/app/admin/_components/styles";
import { useLatestResult } from "@/app/admin/_components/use-latest-result";
import type { StudentDetail } from "@/lib/students/queries";
import {
  createStudentUserAction,
  removeStudentUserAction,
  resendStudentInvitationAction,
} from "../actions";

/**
 * Renders the student's portal user (its login and invitation status, with
 * Remove portal user) or, when there is none, the Create Student User button. Results are kept here, so
 * a message stays on screen after the page refreshes to show the change.
 */
export function StudentPortalUser({
  studentId,
  user,
  invitationText,
}: {
  studentId: number;
  user: StudentDetail["user"];
  invitationText: string | null;
}) {
  const [createState, createAction] = useActionState(createStudentUserAction, null);
  const [removeState, removeAction] = useActionState(removeStudentUserAction, null);
  const [resendState, resendAction] = useActionState(resendStudentInvitationAction, null);
  const message = useLatestResult([createState, removeState, resendState]);

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
          {invitationText ? <p className="text-sm">Invitation: {invitationText}</p> : null}
          <div className="flex flex-wrap gap-2">
            {user.hasPassword ? null : (
              <form action={resendAction}>
                <input type="hidden" name="studentId" value={studentId} />
                <SubmitButton variant="secondary" pendingLabel="Sending…">
                  Resend invitation
                </SubmitButton>
              </form>
            )}
            <form action={removeAction}>
              <input type="hidden" name="studentId" value={studentId} />
              <SubmitButton variant="danger" pendingLabel="Removing…">
                Remove portal user
              </SubmitButton>
            </form>
          </div>
          <p className="text-sm text-zinc-600">
            Removing the portal user deactivates it: it can no longer log in, and parents stop
            seeing this student until a new portal user is created.
          </p>
        </>
      ) : (
        <form action={createAction} className="flex flex-col items-start gap-3">
          <p className="text-sm text-zinc-700">
            This student has no portal user, so neither the student nor the parents see this
            record in the portal. Creating one uses the student&apos;s Email as the login and sends
            an invitation to set a password.
          </p>
          <input type="hidden" name="studentId" value={studentId} />
          <SubmitButton pendingLabel="Creating…">Create Student User</SubmitButton>
        </form>
      )}
    </section>
  );
}
