import { getEnv } from "@/lib/env";

/**
 * Renders a note that email is only captured, shown when no Resend API key is
 * configured or on a preview deployment.
 */
export function EmailCaptureNote() {
  const env = getEnv();
  if (env.appEnv === "preview") {
    return (
      <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950">
        This is a preview deployment: email is captured here and only addresses in
        PREVIEW_EMAIL_ALLOWLIST receive it.
      </p>
    );
  }
  if (env.RESEND_API_KEY) return null;
  return (
    <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950">
      Email is captured here because RESEND_API_KEY is not set; nothing is sent.
    </p>
  );
}
