"use server";

import { z } from "zod";
import { deliverAfterResponse } from "@/app/admin/_lib/deliver-email";
import { resendInvitation } from "@/app/admin/_lib/resend-invitation";
import { revalidateAdminPages } from "@/app/admin/_lib/revalidate";
import {
  describeManagerEmailThrottle,
  getRequestClientAddress,
} from "@/lib/auth/email-throttle";
import { managerAction, type ActionResult } from "@/lib/actions";
import { setUserActive, type SetActiveOutcome } from "@/lib/users/mutations";
import { sendPasswordResetToUser } from "@/lib/users/password-reset";
import { idField } from "@/lib/validation";

const USER_NOT_FOUND = {
  ok: false,
  message: "This user no longer exists. Go back to the user list.",
} as const;

const userIdInput = z.object({ userId: idField });

function describeActiveChange(outcome: SetActiveOutcome, active: boolean): ActionResult {
  switch (outcome.status) {
    case "self":
      return {
        ok: false,
        message: "You cannot deactivate your own account. Ask another manager to do it.",
      };
    case "user_not_found":
      return USER_NOT_FOUND;
    case "unchanged":
      return {
        ok: true,
        message: `${outcome.login} is already ${active ? "active" : "deactivated"}.`,
      };
    case "done":
      return {
        ok: true,
        message: active
          ? `${outcome.login} is active again and can log in.`
          : `${outcome.login} is deactivated. Their open sessions end on their next request.`,
      };
  }
}

export const deactivateUserAction = managerAction(
  "deactivateUser",
  userIdInput,
  async ({ userId }, { db, user }) => {
    const outcome = await setUserActive(db, { userId, managerId: user.id, active: false });
    revalidateAdminPages();
    return describeActiveChange(outcome, false);
  },
  { hiddenFields: ["userId"] },
);

export const reactivateUserAction = managerAction(
  "reactivateUser",
  userIdInput,
  async ({ userId }, { db, user }) => {
    const outcome = await setUserActive(db, { userId, managerId: user.id, active: true });
    revalidateAdminPages();
    return describeActiveChange(outcome, true);
  },
  { hiddenFields: ["userId"] },
);

export const sendPasswordResetAction = managerAction(
  "sendPasswordReset",
  userIdInput,
  async ({ userId }, { db }) => {
    const outcome = await sendPasswordResetToUser(db, userId, {
      address: await getRequestClientAddress(),
    });
    if (outcome.status === "user_not_found") return USER_NOT_FOUND;
    if (outcome.status === "throttled") {
      return { ok: false, message: describeManagerEmailThrottle(outcome.login, outcome.decision) };
    }
    if (outcome.status === "deactivated") {
      return {
        ok: false,
        message: `${outcome.login} is deactivated, so no reset link was sent. Reactivate the user first.`,
      };
    }
    deliverAfterResponse(outcome.outboxId);
    revalidateAdminPages();
    return {
      ok: true,
      message: `A password reset link is on its way to ${outcome.login}. Earlier links no longer work.`,
    };
  },
  { hiddenFields: ["userId"] },
);

export const resendUserInvitationAction = managerAction(
  "resendUserInvitation",
  userIdInput,
  async ({ userId }, { db }) => {
    const result = await resendInvitation(db, userId);
    revalidateAdminPages();
    return result;
  },
  { hiddenFields: ["userId"] },
);
