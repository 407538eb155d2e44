import { getEnv } from "@/lib/env";

/** Renders a note that email is only captured, shown when no Resend API key is configured. */
export function EmailCaptureNote() {
  if (getEnv().RESEND_API_KEY) return null;
  return (
    <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950">
      Email is captured here because RESEND_API_KEY is not set; nothing is sent.
    </p>
  );
}
