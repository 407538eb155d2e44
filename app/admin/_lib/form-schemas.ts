import { z } from "zod";

/** A checkbox: browsers send "on" when it is ticked and leave the field out when it is not. */
export const checkboxField = z
  .string()
  .optional()
  .transform((value) => value === "on");

/**
 * Builds the schema for a record id picked from a <select> whose first option
 * is an empty "Choose …" entry. `message` is shown when no valid id is sent.
 */
export function chosenIdField(message: string) {
  return z
    .string({ error: message })
    .trim()
    .regex(/^[1-9][0-9]{0,15}$/, message)
    .transform(Number)
    // Sixteen digits can exceed 2^53, where Number() rounds to another id.
    .refine(Number.isSafeInteger, message);
}
