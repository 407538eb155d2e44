"use server";

import { eq, sql } from "drizzle-orm";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb, writeTransaction } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { recordPasswordSet } from "@/lib/audit/password-events";
import { consumePasswordToken, inspectPasswordToken } from "@/lib/auth/tokens";
import { describeUnusableLink } from "./link-messages";

export type SetPasswordState = {
  message: string;
  fieldErrors?: { password?: string[]; confirmPassword?: string[] };
} | null;

/** Returns a text field of the form, or "" when it is missing or is a file. */
function readText(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

const schema = z
  .object({
    // Tokens are 43 characters, so a longer value is not a link this app sent.
    token: z.string().max(200, "The link is not valid."),
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `New password must be at least ${MIN_PASSWORD_LENGTH} characters.`)
      .max(MAX_PASSWORD_LENGTH, `New password must be at most ${MAX_PASSWORD_LENGTH} characters.`),
    confirmPassword: z.string(),
  })
  .refine((input) => input.password === input.confirmPassword, {
    path: ["confirmPassword"],
    message: "Confirm password does not match New password: type the same password twice.",
  });

/**
 * Sets a password from an invitation or reset link. The token is used only
 * here, on submit, never by opening the link; setting the password also ends
 * every session the user had.
 */
export async function setPassword(
  _previous: SetPasswordState,
  formData: FormData,
): Promise<SetPasswordState> {
  const parsed = schema.safeParse({
    token: readText(formData, "token"),
    password: readText(formData, "password"),
    confirmPassword: readText(formData, "confirmPassword"),
  });
  if (!parsed.success) {
    const { fieldErrors } = z.flattenError(parsed.error);
    // The token is a hidden field, so its error has no input to show under.
    if (fieldErrors.token) return { message: describeUnusableLink("unknown") };
    return {
      message: "The password was not set: see the messages below.",
      fieldErrors: { password: fieldErrors.password, confirmPassword: fieldErrors.confirmPassword },
    };
  }
  const db = getDb();
  const passwordHash = await hashPassword(parsed.data.password);
  const done = await writeTransaction(db, async (tx) => {
    const token = await consumePasswordToken(tx, parsed.data.token);
    if (!token) return false;
    const [user] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, token.userId))
      .returning({ id: users.id, login: users.login, name: users.name });
    if (user) await recordPasswordSet(tx, user, token.purpose);
    return true;
  });
  if (!done) {
    const state = await inspectPasswordToken(db, parsed.data.token);
    return { message: describeUnusableLink(state.state) };
  }
  redirect("/login?notice=password-set");
}
