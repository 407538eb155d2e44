"use server";

import { getDb } from "@/db/client";
import { deliverAfterResponse } from "@/app/admin/_lib/deliver-email";
import { RESET_REQUESTED_MESSAGE, requestPasswordReset } from "@/lib/users/password-reset";

export type ForgotPasswordState = { message: string } | null;

/**
 * Queues a reset link when an active account uses the email. It returns the
 * same message in every case, so the form does not reveal which emails have accounts.
 */
export async function requestReset(
  _previous: ForgotPasswordState,
  formData: FormData,
): Promise<ForgotPasswordState> {
  const email = formData.get("email");
  const emailText = typeof email === "string" ? email.slice(0, 254) : "";
  try {
    const { outboxId } = await requestPasswordReset(getDb(), emailText);
    if (outboxId !== null) deliverAfterResponse(outboxId);
  } catch (error) {
    // The log line leaves out the email, and the visitor gets the usual message.
    console.error("forgot password: queueing the reset failed", error);
  }
  return { message: RESET_REQUESTED_MESSAGE };
}
