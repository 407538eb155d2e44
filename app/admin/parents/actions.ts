"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { deliverAfterResponse } from "@/app/admin/_lib/deliver-email";
import { checkboxField, chosenIdField } from "@/app/admin/_lib/form-schemas";
import { resendInvitation } from "@/app/admin/_lib/resend-invitation";
import { revalidateAdminPages } from "@/app/admin/_lib/revalidate";
import { managerAction } from "@/lib/actions";
import { createParentUser } from "@/lib/parents/create-parent-user";
import {
  createParent,
  linkStudentToParent,
  unlinkStudentFromParent,
  updateParent,
} from "@/lib/parents/mutations";
import { getParentById, parentExists } from "@/lib/parents/queries";
import { getStudentById } from "@/lib/students/queries";
import {
  idField,
  nameField,
  optionalEmailField,
  optionalEmailFieldFor,
  optionalPhoneField,
  relationshipField,
} from "@/lib/validation";
import { describeCreateParentUserResult } from "./_lib/create-parent-user-messages";

const PARENT_NOT_FOUND = {
  ok: false,
  message: "This parent no longer exists. Go back to the parent list.",
} as const;

const parentFields = z.object({
  name: nameField,
  email: optionalEmailField,
  contactEmail: optionalEmailFieldFor("Contact email"),
  phone: optionalPhoneField,
  active: checkboxField,
});

export const createParentAction = managerAction(
  "createParent",
  parentFields,
  async (fields, { db }) => {
    const parentId = await createParent(db, fields);
    revalidateAdminPages();
    redirect(`/admin/parents/${parentId}?created=1`);
  },
);

export const updateParentAction = managerAction(
  "updateParent",
  parentFields.extend({ parentId: idField }),
  async ({ parentId, ...fields }, { db }) => {
    if (!(await updateParent(db, parentId, fields))) return PARENT_NOT_FOUND;
    revalidateAdminPages();
    return { ok: true, message: "Parent saved." };
  },
  { hiddenFields: ["parentId"] },
);

export const createParentUserAction = managerAction(
  "createParentUser",
  z.object({ parentId: idField, shareUserId: idField.optional() }),
  async (input, { db }) => {
    const result = await createParentUser(db, input);
    if (result.status === "created") deliverAfterResponse(result.outboxId);
    // Refresh even when nothing was created: "already_has_user" means the page on screen is out of date.
    revalidateAdminPages();
    return describeCreateParentUserResult(result);
  },
  { hiddenFields: ["parentId", "shareUserId"] },
);

export const resendParentInvitationAction = managerAction(
  "resendParentInvitation",
  z.object({ parentId: idField }),
  async ({ parentId }, { db }) => {
    const parent = await getParentById({ id: parentId }, db);
    if (!parent) return PARENT_NOT_FOUND;
    if (!parent.user) {
      return { ok: false, message: "This parent has no portal user yet: click Create Parent User." };
    }
    const result = await resendInvitation(db, parent.user.id);
    revalidateAdminPages();
    return result;
  },
  { hiddenFields: ["parentId"] },
);

export const linkStudentAction = managerAction(
  "linkStudentToParent",
  z.object({
    parentId: idField,
    studentId: chosenIdField("Choose a student."),
    relationship: relationshipField,
  }),
  async ({ parentId, studentId, relationship }, { db }) => {
    const [parentFound, student] = await Promise.all([
      parentExists({ id: parentId }, db),
      getStudentById({ id: studentId }, db),
    ]);
    if (!parentFound) return PARENT_NOT_FOUND;
    if (!student) {
      return { ok: false, message: "That student no longer exists. Reload the page and choose another." };
    }
    await linkStudentToParent(db, { parentId, studentId, relationship });
    revalidateAdminPages();
    return { ok: true, message: `Linked ${student.name} (${relationship}).` };
  },
  { hiddenFields: ["parentId"] },
);

export const unlinkStudentAction = managerAction(
  "unlinkStudentFromParent",
  z.object({ parentId: idField, studentId: idField }),
  async ({ parentId, studentId }, { db }) => {
    await unlinkStudentFromParent(db, { parentId, studentId });
    revalidateAdminPages();
    return { ok: true, message: "Student removed from this parent." };
  },
  { hiddenFields: ["parentId", "studentId"] },
);
