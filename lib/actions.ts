import { isRedirectError } from "next/dist/client/components/redirect-error";
import { z } from "zod";
import { getDb, type Database } from "@/db/client";
import { withAuditActor } from "@/lib/audit/record";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";

/** Result of every form action: a message, and errors per field name. */
export type ActionResult = {
  ok: boolean;
  message: string;
  fieldErrors?: Record<string, string[] | undefined>;
} | null;

export type ActionContext = { user: CurrentUser; db: Database };

/** The result of a manager action called without an active manager session. */
export const NOT_A_MANAGER_RESULT: ActionResult = {
  ok: false,
  message: "Your session has ended or you are not a manager: log in again as a manager.",
};

/**
 * Turns form data into a plain object. A field named "x[]" becomes an array
 * of all its values; any other field keeps its last value as a string.
 */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    if (key.endsWith("[]")) {
      result[key.slice(0, -2)] = formData.getAll(key).map(String);
    } else {
      const value = formData.getAll(key).at(-1);
      result[key] = typeof value === "string" ? value : "";
    }
  }
  return result;
}

export type ManagerActionOptions = {
  /**
   * Names of the fields that the form sends as hidden inputs. An error on one
   * of them has no field to show under, so it becomes the form's message.
   */
  hiddenFields?: readonly string[];
};

/** Builds the result of a form that failed validation. */
function invalidFormResult(error: z.ZodError, hiddenFields: readonly string[]): ActionResult {
  const { fieldErrors, formErrors } = z.flattenError(error) as {
    fieldErrors: Record<string, string[] | undefined>;
    formErrors: string[];
  };
  const hiddenError = hiddenFields.map((field) => fieldErrors[field]?.[0]).find(Boolean);
  return {
    ok: false,
    message: formErrors[0] ?? hiddenError ?? "Some fields need attention: see the messages below them.",
    fieldErrors,
  };
}

/**
 * Wraps a manager's form action: it loads the user from the database, rejects
 * anyone who is not an active manager, validates the form with `schema`, and
 * only then runs `body`, with the manager as the author of the audit events
 * it records. Unexpected errors are logged with the action's name
 * and shown to the user as a generic message, never as the raw error.
 */
export function managerAction<S extends z.ZodType>(
  name: string,
  schema: S,
  body: (input: z.infer<S>, context: ActionContext) => Promise<ActionResult>,
  { hiddenFields = [] }: ManagerActionOptions = {},
) {
  return async (_previous: ActionResult, formData: FormData): Promise<ActionResult> => {
    const user = await getCurrentUser();
    if (!user || user.role !== "manager") return NOT_A_MANAGER_RESULT;
    const parsed = schema.safeParse(formDataToObject(formData));
    if (!parsed.success) return invalidFormResult(parsed.error, hiddenFields);
    try {
      return await withAuditActor({ userId: user.id, name: user.name }, () =>
        body(parsed.data, { user, db: getDb() }),
      );
    } catch (error) {
      if (isRedirectError(error)) throw error;
      console.error(`action ${name} failed for user ${user.id}`, error);
      return {
        ok: false,
        message: "Something went wrong on our side and nothing was saved. Try again in a moment.",
      };
    }
  };
}
