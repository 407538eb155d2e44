"use client";

import { useActionState } from "react";
import { Field, SubmitButton } from "@/app/_components/form";
import { requestReset, type ForgotPasswordState } from "./actions";

export function ForgotPasswordForm() {
  const [state, action] = useActionState<ForgotPasswordState, FormData>(requestReset, null);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {state?.message ? (
        <p
          role="status"
          className={
            state.throttled
              ? "rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"
              : "rounded-md bg-green-50 px-3 py-2 text-sm text-green-800"
          }
        >
          {state.message}
        </p>
      ) : null}
      <Field label="Email" name="email" type="email" autoComplete="username" required />
      <SubmitButton pendingLabel="Sending…">Send reset link</SubmitButton>
    </form>
  );
}
