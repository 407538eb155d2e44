import { eq } from "drizzle-orm";
import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/app/admin/_lib/format";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { inspectPasswordToken } from "@/lib/auth/tokens";
import { describeUnusableLink } from "./link-messages";
import { SetPasswordForm } from "./set-password-form";

export const metadata: Metadata = { title: "Set your password" };

// Opening the link only reads the token (link scanners and prefetches open it
// too); the form's submit is what uses it.
export default async function SetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  const tokenText = typeof token === "string" ? token : "";
  const db = getDb();
  const state = await inspectPasswordToken(db, tokenText);
  const user =
    state.state === "valid"
      ? await db.query.users.findFirst({ where: eq(users.id, state.userId) })
      : undefined;

  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold">Set your password</h1>
      {user && state.state === "valid" ? (
        <>
          <p className="mt-2 text-sm text-zinc-700">
            Choose a password for <strong>{user.login}</strong>. This link works once and expires
            on {formatDateTime(state.expiresAt)}.
          </p>
          <div className="mt-6 rounded-lg border border-zinc-200 bg-white p-6 shadow-sm">
            <SetPasswordForm token={tokenText} login={user.login} />
          </div>
        </>
      ) : (
        <>
          <p role="alert" className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-amber-900">
            {describeUnusableLink(state.state)}
          </p>
          <p className="mt-6">
            <Link href="/login" className="text-blue-700 underline">
              Go to the login page
            </Link>
          </p>
        </>
      )}
    </main>
  );
}
