import { domainToASCII } from "node:url";

export type LoginResult =
  | { ok: true; login: string }
  | { ok: false; message: string };

const MAX_LOGIN_LENGTH = 254; // RFC 5321 limit for a forward path
// Printable ASCII a mailbox may use without quoting (RFC 5322 atext and dots).
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
// One DNS label in ASCII (LDH) form, punycode "xn--" labels included: 1 to 63
// letters, digits or hyphens, not starting or ending with a hyphen.
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const MAX_QUOTED_LENGTH = 60;

/** Returns the trimmed input for a message, cut to 60 characters so a huge value is not sent back whole. */
function quoteInput(input: string): string {
  const trimmed = input.trim();
  const characters = [...trimmed];
  if (characters.length <= MAX_QUOTED_LENGTH) return `"${trimmed}"`;
  return `"${characters.slice(0, MAX_QUOTED_LENGTH).join("")}…"`;
}

/**
 * Normalises an email address into the one form used as a login.
 *
 * The address is trimmed, put in Unicode NFC and lower-cased. An international
 * domain is converted to its ASCII (punycode) form, so "élève.fr" and
 * "xn--lve-6lad.fr" are the same login. The local part must be ASCII: mail
 * providers disagree on how to compare non-ASCII local parts, so they are
 * rejected rather than guessed at. Creating a user, logging in and resetting a
 * password all call this function, so they accept and reject the same inputs.
 */
export function normalizeLogin(input: string): LoginResult {
  const value = input.normalize("NFC").trim().toLowerCase();
  if (value === "") {
    return { ok: false, message: "Email is missing: enter an email address." };
  }
  if (/[\s\p{Cc}]/u.test(value)) {
    return {
      ok: false,
      message: "Email must not contain spaces or line breaks.",
    };
  }
  const at = value.lastIndexOf("@");
  if (at <= 0 || at === value.length - 1) {
    return {
      ok: false,
      message: `${quoteInput(input)} is not an email address: it needs a name, an @ and a domain.`,
    };
  }
  const localPart = value.slice(0, at);
  const domain = domainToASCII(value.slice(at + 1).replace(/\.$/, ""));
  if (
    !LOCAL_PART.test(localPart) ||
    localPart.startsWith(".") ||
    localPart.endsWith(".") ||
    localPart.includes("..")
  ) {
    return {
      ok: false,
      message: `${quoteInput(input)} is not a valid email address: use only letters, digits and . _ + - before the @.`,
    };
  }
  const labels = domain.split(".");
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) {
    return {
      ok: false,
      message: `${quoteInput(input)} has an invalid domain after the @.`,
    };
  }
  const login = `${localPart}@${domain}`;
  if (login.length > MAX_LOGIN_LENGTH) {
    return {
      ok: false,
      message: `Email is too long: at most ${MAX_LOGIN_LENGTH} characters.`,
    };
  }
  return { ok: true, login };
}
