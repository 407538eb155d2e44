"use client";

import { startTransition, useActionState, useEffect, useRef } from "react";
import type { ActionResult } from "@/lib/actions";

export type FormAction = (previous: ActionResult, formData: FormData) => Promise<ActionResult>;

/**
 * Runs a form's server action through useActionState without React's
 * automatic form reset, so typed values stay in place when validation fails.
 * With `resetOnSuccess` the form is cleared after a successful result only.
 * Before hydration, or without JavaScript, the form still posts to `action`.
 */
export function useActionForm(action: FormAction, { resetOnSuccess = false } = {}) {
  const [state, formAction] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (resetOnSuccess && state?.ok) formRef.current?.reset();
  }, [state, resetOnSuccess]);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    // Cancelling the native submit skips React's reset. Starting the
    // transition in this handler keeps useFormStatus pending until the
    // action finishes, so SubmitButton still shows its pending state.
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter);
    startTransition(() => formAction(formData));
  }

  return { state, formProps: { ref: formRef, action: formAction, onSubmit, noValidate: true } };
}
