import type { ActionResult } from "@/lib/actions";
import type { CreateStudentUserResult } from "@/lib/students/mutations";

/** Turns createStudentUser's result into the message shown under the button. */
export function describeCreateStudentUserResult(result: CreateStudentUserResult): ActionResult {
  switch (result.status) {
    case "created":
      return {
        ok: true,
        message: `Portal user ${result.login} created. The invitation email is on its way.`,
      };
    case "already_has_user":
      return { ok: true, message: `This student already has a portal user: ${result.login}.` };
    case "student_not_found":
      return { ok: false, message: "This student no longer exists. Reload the page." };
    case "no_email":
      return {
        ok: false,
        message:
          "This student has no email. Add an Email on the student's page, save, then click Create Student User.",
      };
    case "invalid_email":
      return { ok: false, message: result.message };
    case "login_exists":
      return {
        ok: false,
        message: `The login ${result.login} already belongs to ${result.accountName}. A student needs an account of their own: change the student's Email, save, then click Create Student User.`,
      };
  }
}
