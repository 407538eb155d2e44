"use client";

import { Field, FormMessage, SubmitButton } from "@/app/_components/form";
import { useActionForm } from "@/app/admin/_components/use-action-form";
import { recordPaymentAction } from "../actions";

/** Renders the form that records a payment on one fee line. */
export function PaymentForm({
  feeId,
  today,
  currency,
  amountExample,
}: {
  feeId: number;
  today: string;
  currency: string;
  amountExample: string;
}) {
  const { state, formProps } = useActionForm(recordPaymentAction, { resetOnSuccess: true });
  const errors = state?.fieldErrors ?? {};
  return (
    <form {...formProps} aria-labelledby="payment-heading" className="flex flex-col gap-3">
      <h2 id="payment-heading" className="text-lg font-semibold">
        Record payment
      </h2>
      <input type="hidden" name="feeId" value={feeId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label="Amount"
          name="amount"
          errors={errors.amount}
          hint={`In ${currency}, at most the outstanding amount, such as ${amountExample}.`}
          autoComplete="off"
        />
        <Field label="Paid on" name="paidOn" type="date" defaultValue={today} errors={errors.paidOn} />
      </div>
      <FormMessage result={state} />
      <div>
        <SubmitButton pendingLabel="Recording…">Record payment</SubmitButton>
      </div>
    </form>
  );
}
