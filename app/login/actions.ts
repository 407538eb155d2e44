"use server";

import { eq, sql } from "drizzle-orm";
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signIn, signOut } from "@/auth";
import { getDb, writeTransaction } from "@/db/client";
import { users } from "@/db/schema";
import { landingPath, safeCallbackPath } from "@/lib/auth/callback-url";
import { getCurrentUser } from "@/lib/auth/session";
import {
  beginLoginAttempt,
  getClientAddress,
  recordLoginSuccess,
  THROTTLED_MESSAGE,
  type ThrottleKeys,
} from "@/lib/auth/throttle";
import { normalizeLogin } from "@/lib/login";

export type LoginState = { message: string; email: string } | null;

const GENERIC_FAILURE = "Email or password is incorrect.";

/**
 * Signs a user in; every failure gets the same message, and the password is
 * never sent back. A throttled attempt gets THROTTLED_MESSAGE for known and
 * unknown emails alike, before any password hashing.
 */
export async function logIn(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const email = formData.get("email");
  const emailText = typeof email === "string" ? email.slice(0, 254) : "";
  const normalized = normalizeLogin(emailText);
  const keys: ThrottleKeys = {
    login: normalized.ok ? normalized.login : null,
    address: getClientAddress(await headers()),
  };
  if (!(await beginLoginAttempt(getDb(), keys))) {
    return { message: THROTTLED_MESSAGE, email: emailText };
  }
  try {
    await signIn("credentials", {
      email,
      password: formData.get("password"),
      redirect: false,
    });
  } catch (error) {
    if (error instanceof AuthError) return { message: GENERIC_FAILURE, email: emailText };
    throw error;
  }
  await recordLoginSuccess(getDb(), keys);
  const user = normalized.ok
    ? await getDb().query.users.findFirst({ where: eq(users.login, normalized.login) })
    : undefined;
  redirect(landingPath(user?.role ?? "portal", safeCallbackPath(formData.get("callbackUrl"))));
}

/**
 * Signs the user out everywhere. Deleting the cookie alone is not enough:
 * Auth.js re-issues the session cookie on every request that passes the
 * middleware, so a response still in flight (a link prefetch) could set it
 * again. Raising session_version makes every copy of the cookie invalid.
 */
export async function logOut(): Promise<void> {
  const user = await getCurrentUser();
  if (user) {
    await writeTransaction(getDb(), (tx) =>
      tx
        .update(users)
        .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
        .where(eq(users.id, user.id)),
    );
  }
  await signOut({ redirectTo: "/login" });
}
