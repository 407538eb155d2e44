"use client";

import { FormMessage, SubmitButton } from "@/app/_components/form";
import { useActionForm } from "@/app/admin/_components/use-action-form";
import {
  DIGEST_HOUR,
  emailModeLabels,
  emailModes,
  notificationKindLabels,
  notificationKinds,
} from "@/lib/notifications/kinds";
import type { EmailPreferences } from "@/lib/notifications/preferences";
import { saveEmailPreferencesAction } from "./actions";

const MODE_HINTS = {
  immediate: "one email for each notification",
  daily: `one email a day, from ${DIGEST_HOUR}:00 school time`,
  off: "no email; still shown under Notifications",
} as const;

/** Renders one radio group per notification kind, with the saved mode checked. */
export function PreferencesForm({ preferences }: { preferences: EmailPreferences }) {
  const { state, formProps } = useActionForm(saveEmailPreferencesAction);
  const errors = state?.fieldErrors ?? {};
  return (
    <form {...formProps} className="flex max-w-xl flex-col gap-4">
      {notificationKinds.map((kind) => {
        const errorId = `preference-${kind}-error`;
        return (
          <fieldset
            key={kind}
            aria-describedby={errors[kind]?.length ? errorId : undefined}
            className="rounded-md border border-zinc-200 bg-white p-4"
          >
            <legend className="px-1 font-semibold">{notificationKindLabels[kind]}</legend>
            <div className="mt-1 flex flex-col gap-2">
              {emailModes.map((mode) => {
                const id = `preference-${kind}-${mode}`;
                return (
                  <div key={mode} className="flex items-start gap-2">
                    <input
                      id={id}
                      type="radio"
                      name={kind}
                      value={mode}
                      defaultChecked={preferences[kind] === mode}
                      className="mt-0.5 size-5 accent-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
                    />
                    <label htmlFor={id} className="text-sm">
                      <span className="font-medium text-zinc-900">{emailModeLabels[mode]}</span>
                      <span className="text-zinc-600"> – {MODE_HINTS[mode]}</span>
                    </label>
                  </div>
                );
              })}
            </div>
            {errors[kind]?.length ? (
              <p id={errorId} className="mt-2 text-sm text-red-700">
                {errors[kind]!.join(" ")}
              </p>
            ) : null}
          </fieldset>
        );
      })}
      <FormMessage result={state} />
      <div>
        <SubmitButton pendingLabel="Saving…">Save preferences</SubmitButton>
      </div>
    </form>
  );
}
