import type { TokenState } from "@/lib/auth/tokens";

/** What a parent is told when a set-password link cannot be used, and what to do. */
export function describeUnusableLink(state: TokenState["state"]): string {
  switch (state) {
    case "expired":
      return "This link has expired. Ask the school office to send you a new invitation.";
    case "used":
      return "This link has already been used. Log in with the password you set, or ask the school office for a new link if you have forgotten it.";
    case "replaced":
      return "A newer invitation replaced this link. Use the link in the most recent email from the school.";
    default:
      return "This link is not valid. Check that you opened the whole link from the email, or ask the school office for a new one.";
  }
}
