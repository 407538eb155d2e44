"use client";

import { useActionState } from "react";
import { Field, SubmitButton } from "@/app/_components/form";
import { setPassword, type SetPasswordState } from "./actions";

export function SetPasswordForm({ token, login }: { token: string; login: string }) {
  const [state, action] = useActionState<SetPasswordState, FormData>(setPassword, null);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {state?.message ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
      <input type="hidden" name="token" value={token} />
      {/* Lets password managers store the new password under the right login. */}
      <input type="email" name="username" value={login} autoComplete="username" readOnly hidden />
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        errors={state?.fieldErrors?.password}
        required
      />
      <Field
        label="Confirm password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        errors={state?.fieldErrors?.confirmPassword}
        required
      />
      <SubmitButton pendingLabel="Saving…">Set password</SubmitButton>
    </form>
  );
}
