import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { landingPath, safeCallbackPath } from "@/lib/auth/callback-url";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Log in" };

const NOTICES: Record<string, string> = {
  "password-set": "Your password is set. Log in with your email and new password.",
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  const user = await getCurrentUser();
  if (user) redirect(landingPath(user.role, callbackUrl));
  const notice = typeof params.notice === "string" ? NOTICES[params.notice] : undefined;
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold">Log in to the parent portal</h1>
      <p className="mt-2 text-sm text-zinc-700">
        Use the email address the school has for you.
      </p>
      {notice ? (
        <p role="status" className="mt-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {notice}
        </p>
      ) : null}
      <div className="mt-6 rounded-lg border border-zinc-200 bg-white p-6 shadow-sm">
        <LoginForm callbackUrl={callbackUrl} />
      </div>
      <p className="mt-4 text-sm">
        <Link href="/forgot-password" className="text-blue-700 underline">
          Forgot password?
        </Link>
      </p>
      <p className="mt-4 text-sm text-zinc-700">
        No password yet, or your invitation link expired? Ask the school office to send a new
        invitation.
      </p>
    </main>
  );
}
