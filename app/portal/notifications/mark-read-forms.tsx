"use client";

import { createContext, useActionState, useCallback, useContext, useState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import type { ActionResult } from "@/lib/actions";
import { markAllNotificationsReadAction, markNotificationReadAction } from "./actions";

type Announce = (message: string) => void;

const AnnounceContext = createContext<Announce>(() => {});

/**
 * Wraps the notification list with a status region that outlives the forms.
 * A successful Mark as read removes its own button, so the outcome is
 * announced here and focus moves to the element with id `focusTargetId`.
 */
export function MarkReadStatus({ focusTargetId, children }: { focusTargetId: string; children: React.ReactNode }) {
  const [message, setMessage] = useState("");
  const announce = useCallback(
    (text: string) => {
      setMessage(text);
      document.getElementById(focusTargetId)?.focus();
    },
    [focusTargetId],
  );
  return (
    <AnnounceContext.Provider value={announce}>
      <p role="status" className={message ? "text-sm text-green-800" : "sr-only"}>
        {message}
      </p>
      {children}
    </AnnounceContext.Provider>
  );
}

/** Runs a mark-read action and, when it succeeds, announces its message through the status region. */
function useMarkReadAction(serverAction: (previous: ActionResult, formData: FormData) => Promise<ActionResult>) {
  const announce = useContext(AnnounceContext);
  return useActionState(async (previous: ActionResult, formData: FormData) => {
    const result = await serverAction(previous, formData);
    if (result?.ok) announce(result.message);
    return result;
  }, null);
}

/** Renders the Mark as read button of one notification, and its error if it fails. */
export function MarkReadForm({ notificationId, title }: { notificationId: number; title: string }) {
  const [state, action] = useMarkReadAction(markNotificationReadAction);
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

/** Renders the Mark all as read button, and its error if it fails. */
export function MarkAllReadForm() {
  const [state, action] = useMarkReadAction(() => markAllNotificationsReadAction());
  return (
    <form action={action} className="flex flex-col items-start gap-2">
      <SubmitButton variant="secondary" pendingLabel="Marking…">
        Mark all as read
      </SubmitButton>
      {state && !state.ok ? <FormMessage result={state} /> : null}
    </form>
  );
}
