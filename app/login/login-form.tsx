"use client";

import { useActionState } from "react";
import { Field, SubmitButton } from "@/app/_components/form";
import { logIn, type LoginState } from "./actions";

export function LoginForm({ callbackUrl }: { callbackUrl: string | null }) {
  const [state, action] = useActionState<LoginState, FormData>(logIn, null);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {state?.message ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        defaultValue={state?.email}
        required
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      <SubmitButton pendingLabel="Logging in…">Log in</SubmitButton>
    </form>
  );
}
