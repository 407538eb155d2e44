"use server";

import { getDb } from "@/db/client";
import { deliverAfterResponse } from "@/app/admin/_lib/deliver-email";
import {
  beginResetRequest,
  getRequestClientAddress,
  RESET_THROTTLED_MESSAGE,
} from "@/lib/auth/email-throttle";
import { normalizeLogin } from "@/lib/login";
import { RESET_REQUESTED_MESSAGE, requestPasswordReset } from "@/lib/users/password-reset";

export type ForgotPasswordState = { message: string; throttled?: boolean } | null;

/**
 * Queues a reset link when an active account uses the email. It returns the
 * same message for every email, known or not, so the form does not reveal
 * which emails have accounts. A throttled request gets RESET_THROTTLED_MESSAGE,
 * which is also the same for known and unknown emails.
 */
export async function requestReset(
  _previous: ForgotPasswordState,
  formData: FormData,
): Promise<ForgotPasswordState> {
  const email = formData.get("email");
  const emailText = typeof email === "string" ? email.slice(0, 254) : "";
  const normalized = normalizeLogin(emailText);
  try {
    const keys = {
      login: normalized.ok ? normalized.login : null,
      address: await getRequestClientAddress(),
    };
    if (!(await beginResetRequest(getDb(), keys))) return { message: RESET_THROTTLED_MESSAGE, throttled: true };
    const { outboxId } = await requestPasswordReset(getDb(), emailText);
    if (outboxId !== null) deliverAfterResponse(outboxId);
  } catch (error) {
    // The log line leaves out the email, and the visitor gets the usual message.
    console.error("forgot password: queueing the reset failed", error);
  }
  return { message: RESET_REQUESTED_MESSAGE };
}
