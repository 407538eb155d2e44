"use client";

import { Field, FormMessage, SubmitButton } from "@/app/_components/form";
import { CheckboxField } from "@/app/admin/_components/form-fields";
import { useActionForm, type FormAction } from "@/app/admin/_components/use-action-form";
import type { ParentDetail } from "@/lib/parents/queries";

/** Renders the parent's details form, which edits `parent` when given and creates a parent otherwise. */
export function ParentForm({
  action,
  parent,
}: {
  action: FormAction;
  parent?: Pick<ParentDetail, "id" | "name" | "email" | "contactEmail" | "phone" | "active">;
}) {
  const { state, formProps } = useActionForm(action);
  const errors = state?.fieldErrors ?? {};
  return (
    <form {...formProps} className="flex max-w-xl flex-col gap-4">
      {parent ? <input type="hidden" name="parentId" value={parent.id} /> : null}
      <Field label="Name" name="name" defaultValue={parent?.name} errors={errors.name} required autoComplete="off" />
      <Field
        label="Email"
        name="email"
        type="email"
        defaultValue={parent?.email}
        errors={errors.email}
        hint="The parent's own address. It becomes the portal login."
        autoComplete="off"
      />
      <Field
        label="Contact email"
        name="contactEmail"
        type="email"
        defaultValue={parent?.contactEmail}
        errors={errors.contactEmail}
        hint="Used for the portal login when Email is empty."
        autoComplete="off"
      />
      <Field label="Phone" name="phone" type="tel" defaultValue={parent?.phone} errors={errors.phone} autoComplete="off" />
      <CheckboxField
        label="Active"
        name="active"
        defaultChecked={parent?.active ?? true}
        errors={errors.active}
        hint="Untick to archive: this parent's students are then hidden from its portal user."
      />
      <FormMessage result={state} />
      <div>
        <SubmitButton pendingLabel="Saving…">Save parent</SubmitButton>
      </div>
    </form>
  );
}
