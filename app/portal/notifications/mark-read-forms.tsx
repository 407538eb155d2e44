"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { markAllNotificationsReadAction, markNotificationReadAction } from "./actions";

/** Renders the Mark as read button of one notification, and its error if it fails. */
export function MarkReadForm({ notificationId, title }: { notificationId: number; title: string }) {
  const [state, action] = useActionState(markNotificationReadAction, null);
  return (
    <form action={action} className="flex flex-col items-start gap-2">
      <input type="hidden" name="notificationId" value={notificationId} />
      <SubmitButton variant="secondary" pendingLabel="Marking…">
        Mark as read<span className="sr-only">{` – ${title}`}</span>
      </SubmitButton>
      {state && !state.ok ? <FormMessage result={state} /> : null}
    </form>
  );
}

/** Renders the Mark all as read button and the outcome of the last click. */
export function MarkAllReadForm() {
  const [state, action] = useActionState(markAllNotificationsReadAction, null);
  return (
    <form action={action} className="flex flex-col items-start gap-2">
      <SubmitButton variant="secondary" pendingLabel="Marking…">
        Mark all as read
      </SubmitButton>
      <FormMessage result={state} />
    </form>
  );
}
