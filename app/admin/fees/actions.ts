"use server";

import { z } from "zod";
import { chosenIdField } from "@/app/admin/_lib/form-schemas";
import { revalidateAdminPages } from "@/app/admin/_lib/revalidate";
import { managerAction } from "@/lib/actions";
import { getEnv } from "@/lib/env";
import { createFee, recordPayment } from "@/lib/fees/mutations";
import { currencyFractionDigits, parseAmountToMinor } from "@/lib/fees/rules";
import { formatMoney, formatSchoolDate } from "@/lib/school-calendar";
import { idField, schoolDateField } from "@/lib/validation";

function requiredText(label: string, max: number, example: string) {
  return z
    .string({ error: `${label} is missing.` })
    .trim()
    .min(1, `${label} is missing: enter one such as "${example}".`)
    .max(max, `${label} is too long: at most ${max} characters.`)
    .refine((value) => !/\p{Cc}/u.test(value), `${label} must not contain control characters or line breaks.`);
}

/** An amount typed in major units ("125.50"), converted to minor units of the school's currency. */
const amountField = z.string({ error: "Amount is missing." }).transform((text, context) => {
  const parsed = parseAmountToMinor(text, currencyFractionDigits(getEnv().SCHOOL_CURRENCY));
  if (!parsed.ok) {
    context.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  }
  return parsed.amountMinor;
});

export const createFeeAction = managerAction(
  "createFee",
  z.object({
    studentId: chosenIdField("Student is missing: choose the student who owes this fee."),
    term: requiredText("Term", 60, "Autumn 2026"),
    description: requiredText("Description", 200, "Tuition"),
    amount: amountField,
    dueDate: schoolDateField({ label: "Due date", example: "2026-10-01", maxYearsBefore: 5, maxYearsAfter: 2 }),
  }),
  async ({ amount, ...fields }, { db }) => {
    const result = await createFee(db, { ...fields, amountMinor: amount });
    if (result.status === "student_not_found") {
      return { ok: false, message: "That student no longer exists. Reload the page and choose another." };
    }
    if (result.status === "student_archived") {
      return { ok: false, message: "This student is archived: restore the student before adding a fee." };
    }
    revalidateAdminPages();
    return { ok: true, message: `Added ${fields.description} (${formatMoney(amount)}).` };
  },
);

export const recordPaymentAction = managerAction(
  "recordPayment",
  z.object({
    feeId: idField,
    amount: amountField,
    // The fee's own creation year narrows this further when the payment is recorded.
    paidOn: schoolDateField({
      label: "Paid on",
      example: "2026-10-01",
      maxYearsBefore: 10,
      notAfterToday: true,
      futureMessage: "Paid on cannot be in the future: enter today or an earlier date.",
    }),
  }),
  async ({ feeId, amount, paidOn }, { db, user }) => {
    const result = await recordPayment(db, { feeId, amountMinor: amount, paidOn, recordedBy: user.id });
    switch (result.status) {
      case "fee_not_found":
        return { ok: false, message: "This fee no longer exists. Go back to the fee list." };
      case "paid_before_fee": {
        const message = `Paid on is too early for this fee: enter ${formatSchoolDate(result.earliest)} or later.`;
        return { ok: false, message, fieldErrors: { paidOn: [message] } };
      }
      case "above_outstanding": {
        if (result.outstandingMinor === 0) {
          return { ok: false, message: "This fee is already paid in full, so no payment was recorded." };
        }
        return {
          ok: false,
          message: "No payment was recorded.",
          fieldErrors: {
            amount: [`Amount is more than the outstanding ${formatMoney(result.outstandingMinor)}: enter at most that.`],
          },
        };
      }
      case "recorded":
        revalidateAdminPages();
        return {
          ok: true,
          message: `Recorded ${formatMoney(amount)}. Outstanding now: ${formatMoney(result.outstandingMinor)}.`,
        };
    }
  },
  { hiddenFields: ["feeId"] },
);
