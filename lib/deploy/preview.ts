import { getAppEnv, parseEmailAllowlist } from "@/lib/env";

/**
 * Checks `recipient` against a preview allow-list: an entry is either a whole
 * address or "@domain", which matches that domain only, not its subdomains.
 */
export function isAllowedPreviewRecipient(recipient: string, allowlist: string[]): boolean {
  const address = recipient.trim().toLowerCase();
  const at = address.lastIndexOf("@");
  if (at <= 0) return false;
  const domain = address.slice(at);
  return allowlist.some((entry) => entry === address || entry === domain);
}

/**
 * Whether an email to `recipient` must be captured instead of sent: on a
 * preview deployment every recipient outside PREVIEW_EMAIL_ALLOWLIST is
 * captured, whether or not RESEND_API_KEY is set.
 */
export function mustCaptureEmail(recipient: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (getAppEnv(env) !== "preview") return false;
  return !isAllowedPreviewRecipient(recipient, parseEmailAllowlist(env.PREVIEW_EMAIL_ALLOWLIST));
}

/**
 * Returns the text of the banner every page shows on a preview deployment,
 * naming the branch from VERCEL_GIT_COMMIT_REF when Vercel sets it, or null
 * on any other deployment.
 */
export function previewBannerText(env: NodeJS.ProcessEnv = process.env): string | null {
  if (getAppEnv(env) !== "preview") return null;
  const branch = env.VERCEL_GIT_COMMIT_REF?.trim();
  const text = "Preview deployment — emails are captured, not sent";
  return branch ? `${text} (branch ${branch})` : text;
}
