import type { TokenState } from "@/lib/auth/tokens";

/** Returns the message for a set-password link that cannot be used, with what to do next. */
export function describeUnusableLink(state: TokenState["state"]): string {
  switch (state) {
    case "expired":
      return "This link has expired. Ask for a new reset link on the login page, or ask the school office for a new invitation.";
    case "used":
      return "This link has already been used. Log in with the password you set, or ask the school office for a new link if you have forgotten it.";
    case "replaced":
      return "A newer link replaced this one. Use the link in the most recent email from the school.";
    default:
      return "This link is not valid. Check that you opened the whole link from the email, or ask the school office for a new one.";
  }
}
