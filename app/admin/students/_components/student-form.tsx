"use client";

import { Field, FormMessage, SubmitButton } from "@/app/_components/form";
import { CheckboxField } from "@/app/admin/_components/form-fields";
import { useActionForm, type FormAction } from "@/app/admin/_components/use-action-form";
import type { StudentDetail } from "@/lib/students/queries";

/** Renders the student's details form, which edits `student` when given and creates a student otherwise. */
export function StudentForm({
  action,
  student,
}: {
  action: FormAction;
  student?: Pick<StudentDetail, "id" | "name" | "email" | "birthDate" | "active">;
}) {
  const { state, formProps } = useActionForm(action);
  const errors = state?.fieldErrors ?? {};
  return (
    <form {...formProps} className="flex max-w-xl flex-col gap-4">
      {student ? <input type="hidden" name="studentId" value={student.id} /> : null}
      <Field label="Name" name="name" defaultValue={student?.name} errors={errors.name} required autoComplete="off" />
      <Field
        label="Email"
        name="email"
        type="email"
        defaultValue={student?.email}
        errors={errors.email}
        hint="The student's own address. It becomes the portal login."
        autoComplete="off"
      />
      <Field
        label="Birth date"
        name="birthDate"
        type="date"
        defaultValue={student?.birthDate}
        errors={errors.birthDate}
      />
      <CheckboxField
        label="Active"
        name="active"
        defaultChecked={student?.active ?? true}
        errors={errors.active}
        hint="Untick to archive: parents then no longer see this student."
      />
      <FormMessage result={state} />
      <div>
        <SubmitButton pendingLabel="Saving…">Save student</SubmitButton>
      </div>
    </form>
  );
}
