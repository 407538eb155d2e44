export type FeeState = "paid" | "due" | "overdue";

/**
 * Returns a fee line's state on a school-local date (YYYY-MM-DD): paid once
 * payments cover the amount, overdue from the day after the due date, due before.
 */
export function feeStateOn(
  fee: { amountMinor: number; paidMinor: number; dueDate: string },
  today: string,
): FeeState {
  if (fee.paidMinor >= fee.amountMinor) return "paid";
  return fee.dueDate < today ? "overdue" : "due";
}

/** Returns what is still owed on a fee line, never below zero. */
export function outstandingMinor(fee: { amountMinor: number; paidMinor: number }): number {
  return Math.max(0, fee.amountMinor - fee.paidMinor);
}

/** Largest amount in major units (pounds, euros, yen) that one fee line or payment may have. */
export const MAX_AMOUNT_MAJOR = 10_000_000;

/** Returns how many decimal places a currency's amounts have: 2 for GBP, 0 for JPY. */
export function currencyFractionDigits(currency: string): number {
  const format = new Intl.NumberFormat("en", { style: "currency", currency });
  return format.resolvedOptions().maximumFractionDigits ?? 2;
}

export type ParsedAmount = { ok: true; amountMinor: number } | { ok: false; message: string };

/** Returns an amount to show in hints, such as "125.50" for two decimal places. */
export function exampleAmount(fractionDigits: number): string {
  return fractionDigits === 0 ? "125" : `125.${"5".padEnd(fractionDigits, "0")}`;
}

/**
 * Parses an amount typed as a plain decimal ("125.50", "125.5", "125") into
 * integer minor units. The digits are combined as integers, never through a
 * float, so "0.10" is exactly 10. Thousands separators, signs, zero and more
 * decimal places than the currency has are rejected with a message that
 * starts with `label`.
 */
export function parseAmountToMinor(
  text: string,
  fractionDigits: number,
  label = "Amount",
): ParsedAmount {
  const value = text.trim();
  const example = exampleAmount(fractionDigits);
  if (value === "") {
    return { ok: false, message: `${label} is missing: enter an amount such as ${example}.` };
  }
  if (value.startsWith("-")) {
    return { ok: false, message: `${label} must be more than zero.` };
  }
  if (/[,'\s]/.test(value)) {
    return {
      ok: false,
      message: `${label} must be written without thousands separators or spaces, such as 1000${fractionDigits ? "." + "0".repeat(fractionDigits) : ""}.`,
    };
  }
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) {
    return { ok: false, message: `${label} must be a number such as ${example}, with a dot before the decimals.` };
  }
  const whole = match[1].replace(/^0+(?=\d)/, "");
  const fraction = match[2] ?? "";
  if (fraction.length > fractionDigits) {
    return {
      ok: false,
      message:
        fractionDigits === 0
          ? `${label} must be a whole number in this currency, such as ${example}.`
          : `${label} has too many decimal places: use at most ${fractionDigits}, such as ${example}.`,
    };
  }
  if (whole.length > String(MAX_AMOUNT_MAJOR).length || Number(whole) >= MAX_AMOUNT_MAJOR) {
    return {
      ok: false,
      message: `${label} is too large: it must be less than ${MAX_AMOUNT_MAJOR.toLocaleString("en-GB")}.`,
    };
  }
  const amountMinor =
    Number(whole) * 10 ** fractionDigits + Number(fraction.padEnd(fractionDigits, "0") || "0");
  if (amountMinor === 0) {
    return { ok: false, message: `${label} must be more than zero.` };
  }
  return { ok: true, amountMinor };
}

/**
 * Picks the reader's locale from an Accept-Language header: the first
 * language tag that Intl supports, else `fallback`. Quality values are
 * ignored because browsers list languages in order of preference.
 */
export function localeFromAcceptLanguage(header: string | null, fallback = "en-GB"): string {
  if (!header) return fallback;
  for (const part of header.split(",")) {
    const tag = part.split(";")[0].trim();
    if (tag === "" || tag === "*") continue;
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical && Intl.NumberFormat.supportedLocalesOf(canonical).length > 0) return canonical;
    } catch {
      // An invalid tag is skipped, like a language the server does not know.
    }
  }
  return fallback;
}
