import { z } from "zod";
import { relationships } from "@/db/schema";
import { normalizeLogin } from "@/lib/login";
import { schoolToday } from "@/lib/school-calendar";

const NAME_MAX = 120;

export const nameField = z
  .string({ error: "Name is missing." })
  .trim()
  .min(1, "Name is missing: enter the full name.")
  .max(NAME_MAX, `Name is too long: at most ${NAME_MAX} characters.`)
  .refine((name) => !/[\p{Cc}]/u.test(name), "Name must not contain control characters or line breaks.");

/**
 * Builds an optional email field whose messages start with `label`: empty
 * becomes null, anything else must normalise.
 */
export function optionalEmailFieldFor(label: string) {
  return z
    .string({ error: `${label} is missing from the form: reload the page and try again.` })
    .trim()
    .max(254, `${label} is too long: at most 254 characters.`)
    .transform((value, context) => {
      if (value === "") return null;
      const result = normalizeLogin(value);
      if (!result.ok) {
        context.addIssue({ code: "custom", message: result.message });
        return z.NEVER;
      }
      return value;
    });
}

/** An optional email whose messages name the "Email" field. */
export const optionalEmailField = optionalEmailFieldFor("Email");

export const optionalPhoneField = z
  .string({ error: "Phone is missing from the form: reload the page and try again." })
  .trim()
  .max(40, "Phone is too long: at most 40 characters.")
  .refine((phone) => phone === "" || /^[+0-9 ().-]+$/.test(phone), "Phone may contain only digits, spaces and + ( ) . -")
  .transform((phone) => (phone === "" ? null : phone));

/** Checks that `value` is a real YYYY-MM-DD date, because Date.parse alone accepts 2012-02-31. */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const birthDateField = z
  .string({ error: "Birth date is missing from the form: reload the page and try again." })
  .trim()
  .refine(
    (value) => value === "" || isCalendarDate(value),
    "Birth date must be a date such as 2012-05-31.",
  )
  .transform((value) => (value === "" ? null : value));

export const relationshipField = z.enum(relationships, {
  error: `Relationship must be one of: ${relationships.join(", ")}.`,
});

export const idField = z.coerce
  .number({ error: "A record id is missing." })
  .int()
  .positive("A record id is missing.");

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Writes a YYYY-MM-DD date as "1 January 2026" for a validation message. */
function describeDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

export type SchoolDateOptions = {
  /** Starts every message, such as "Due date". */
  label: string;
  /** A valid date shown in the message for a malformed value. */
  example: string;
  /** Whole calendar years before today's year that are allowed; the window starts on 1 January. */
  maxYearsBefore: number;
  /** Whole calendar years after today's year that are allowed; the window ends on 31 December. */
  maxYearsAfter?: number;
  /** Rejects dates after the school's today, with `futureMessage` or a default message. */
  notAfterToday?: boolean;
  futureMessage?: string;
  /** Returns the school's today; the default reads the clock. */
  today?: () => string;
};

/** Returns the first and last date a school date field accepts on `today`. */
export function schoolDateRange(
  options: Pick<SchoolDateOptions, "maxYearsBefore" | "maxYearsAfter" | "notAfterToday">,
  today: string,
): { earliest: string; latest: string } {
  const year = Number(today.slice(0, 4));
  const earliest = `${String(year - options.maxYearsBefore).padStart(4, "0")}-01-01`;
  const latest = options.notAfterToday
    ? today
    : `${String(year + (options.maxYearsAfter ?? 0)).padStart(4, "0")}-12-31`;
  return { earliest, latest };
}

/**
 * A required YYYY-MM-DD calendar date within a plausible window around the
 * school's today, so a typo such as 0026-10-01 or 9999-12-31 is rejected.
 * The window is read when the form is checked, not when the module loads.
 */
export function schoolDateField(options: SchoolDateOptions) {
  const { label, example } = options;
  return z
    .string({ error: `${label} is missing: enter a date such as ${example}.` })
    .trim()
    .superRefine((value, context) => {
      if (!isCalendarDate(value)) {
        context.addIssue({ code: "custom", message: `${label} must be a real date such as ${example}.` });
        return;
      }
      const today = (options.today ?? schoolToday)();
      const { earliest, latest } = schoolDateRange(options, today);
      if (options.notAfterToday && value > latest) {
        context.addIssue({
          code: "custom",
          message: options.futureMessage ?? `${label} is in the future: enter today or an earlier date.`,
        });
      } else if (value < earliest || value > latest) {
        context.addIssue({
          code: "custom",
          message: `${label} is out of range: enter a date from ${describeDate(earliest)} to ${describeDate(latest)}.`,
        });
      }
    });
}
