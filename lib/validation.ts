import { z } from "zod";
import { relationships } from "@/db/schema";
import { normalizeLogin } from "@/lib/login";

const NAME_MAX = 120;

export const nameField = z
  .string({ error: "Name is missing." })
  .trim()
  .min(1, "Name is missing: enter the full name.")
  .max(NAME_MAX, `Name is too long: at most ${NAME_MAX} characters.`)
  .refine((name) => !/[\p{Cc}]/u.test(name), "Name must not contain control characters or line breaks.");

/** An optional email: empty becomes null, anything else must normalise. */
export const optionalEmailField = z
  .string()
  .trim()
  .max(254, "Email is too long: at most 254 characters.")
  .transform((value, context) => {
    if (value === "") return null;
    const result = normalizeLogin(value);
    if (!result.ok) {
      context.addIssue({ code: "custom", message: result.message });
      return z.NEVER;
    }
    return value;
  });

export const optionalPhoneField = z
  .string()
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
  .string()
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
