"use client";

import { Field, FormMessage, SubmitButton } from "@/app/_components/form";
import { SelectField } from "@/app/admin/_components/form-fields";
import { useActionForm } from "@/app/admin/_components/use-action-form";
import { createFeeAction } from "../actions";

/** Renders the form that adds a fee line to a student. */
export function FeeForm({
  students,
  currency,
  amountExample,
}: {
  students: { id: number; name: string }[];
  currency: string;
  amountExample: string;
}) {
  const { state, formProps } = useActionForm(createFeeAction, { resetOnSuccess: true });
  const errors = state?.fieldErrors ?? {};
  return (
    <form {...formProps} aria-labelledby="add-fee-heading" className="flex flex-col gap-3">
      <h2 id="add-fee-heading" className="text-lg font-semibold">
        Add a fee
      </h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label="Student"
          name="studentId"
          placeholder="Choose a student"
          options={students.map((student) => ({ value: String(student.id), label: student.name }))}
          errors={errors.studentId}
        />
        <Field label="Term" name="term" errors={errors.term} hint="For example Autumn 2026." autoComplete="off" />
        <Field label="Description" name="description" errors={errors.description} autoComplete="off" />
        <Field
          label="Amount"
          name="amount"
          errors={errors.amount}
          hint={`In ${currency}, with a dot before the decimals, such as ${amountExample}.`}
          autoComplete="off"
        />
        <Field label="Due date" name="dueDate" type="date" errors={errors.dueDate} />
      </div>
      <FormMessage result={state} />
      <div>
        <SubmitButton pendingLabel="Adding…">Add fee</SubmitButton>
      </div>
    </form>
  );
}
