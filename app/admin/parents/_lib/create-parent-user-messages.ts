import type { ActionResult } from "@/lib/actions";
import type { CreateParentUserResult } from "@/lib/parents/create-parent-user";

/**
 * A result that also offers to link the parent to an existing account.
 * ActionResult has no field for this, so the form reads it with
 * readShareUserId, which checks its type at run time.
 */
type ShareOffer = NonNullable<ActionResult> & { shareUserId: number };

/** Reads the account id that the Link to this existing account button should submit. */
export function readShareUserId(result: ActionResult): number | null {
  const value = (result as Partial<ShareOffer> | null)?.shareUserId;
  return typeof value === "number" ? value : null;
}

function describeLoginConflict(
  result: Extract<CreateParentUserResult, { status: "login_exists" }>,
): ActionResult {
  const { login, account, canShare } = result;
  const conflict = `The login ${login} already belongs to ${account.name} (${account.kind} account).`;
  if (canShare) {
    const offer: ShareOffer = {
      ok: false,
      message: `${conflict} If both parents use that account, click Link to this existing account. Otherwise change this parent's Email, save, then click Create Parent User.`,
      shareUserId: account.id,
    };
    return offer;
  }
  return {
    ok: false,
    message: `${conflict} Staff and student accounts cannot be reused, and only an active parent account can be shared. Change this parent's Email or Contact email, save, then click Create Parent User.`,
  };
}

/** Turns createParentUser's result into the message shown under the button. */
export function describeCreateParentUserResult(result: CreateParentUserResult): ActionResult {
  switch (result.status) {
    case "created":
      return {
        ok: true,
        message: `Portal user ${result.login} created. The invitation email is on its way.`,
      };
    case "linked":
      return { ok: true, message: `Linked to the existing portal account ${result.login}.` };
    case "already_has_user":
      return { ok: true, message: `This parent already has a portal user: ${result.login}.` };
    case "parent_not_found":
      return { ok: false, message: "This parent no longer exists. Go back to the parent list." };
    case "no_email":
      return {
        ok: false,
        message:
          "This parent has no email. Add an Email or Contact email, save, then click Create Parent User.",
      };
    case "invalid_email":
      return { ok: false, message: result.message };
    case "login_exists":
      return describeLoginConflict(result);
  }
}
