"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { deliverAfterResponse } from "@/app/admin/_lib/deliver-email";
import { checkboxField, chosenIdField } from "@/app/admin/_lib/form-schemas";
import { resendInvitation } from "@/app/admin/_lib/resend-invitation";
import { revalidateAdminPages } from "@/app/admin/_lib/revalidate";
import type { ActionResult } from "@/lib/actions";
import { managerAction } from "@/lib/actions";
import type { Database } from "@/db/client";
import { getParentById } from "@/lib/parents/queries";
import {
  createStudent,
  createStudentUser,
  removeStudentUser,
  setStudentParents,
  setStudentsActive,
  updateStudent,
  type ParentLink,
} from "@/lib/students/mutations";
import { getParentsOfStudent, getStudentById } from "@/lib/students/queries";
import { birthDateField, idField, nameField, optionalEmailField, relationshipField } from "@/lib/validation";
import { describeCreateStudentUserResult } from "./_lib/create-student-user-messages";

const STUDENT_NOT_FOUND = {
  ok: false,
  message: "This student no longer exists. Go back to the student list.",
} as const;

const studentFields = z.object({
  name: nameField,
  email: optionalEmailField,
  birthDate: birthDateField,
  active: checkboxField,
});

export const createStudentAction = managerAction(
  "createStudent",
  studentFields,
  async (fields, { db }) => {
    const studentId = await createStudent(db, fields);
    revalidateAdminPages();
    redirect(`/admin/students/${studentId}?created=1`);
  },
);

export const updateStudentAction = managerAction(
  "updateStudent",
  studentFields.extend({ studentId: idField }),
  async ({ studentId, ...fields }, { db }) => {
    if (!(await updateStudent(db, studentId, fields))) return STUDENT_NOT_FOUND;
    revalidateAdminPages();
    return { ok: true, message: "Student saved." };
  },
  { hiddenFields: ["studentId"] },
);

function countStudents(count: number): string {
  return count === 1 ? "1 student" : `${count} students`;
}

export const setStudentsActiveAction = managerAction(
  "setStudentsActive",
  z.object({
    studentIds: z.array(idField).default([]),
    intent: z.enum(["archive", "restore"], {
      error: "Click Archive selected or Restore selected.",
    }),
  }),
  async ({ studentIds, intent }, { db }) => {
    const ids = [...new Set(studentIds)];
    if (ids.length === 0) {
      return {
        ok: false,
        message: "No student is selected. Tick the students first, then click the button again.",
      };
    }
    await setStudentsActive(db, ids, intent === "restore");
    revalidateAdminPages();
    const verb = intent === "restore" ? "Restored" : "Archived";
    return { ok: true, message: `${verb} ${countStudents(ids.length)}.` };
  },
);

export const createStudentUserAction = managerAction(
  "createStudentUser",
  z.object({ studentId: idField }),
  async ({ studentId }, { db }) => {
    const result = await createStudentUser(db, studentId);
    if (result.status === "created") deliverAfterResponse(result.outboxId);
    // Refresh even when nothing was created: "already_has_user" means the page on screen is out of date.
    revalidateAdminPages();
    return describeCreateStudentUserResult(result);
  },
  { hiddenFields: ["studentId"] },
);

export const removeStudentUserAction = managerAction(
  "removeStudentUser",
  z.object({ studentId: idField }),
  async ({ studentId }, { db }) => {
    if (!(await removeStudentUser(db, studentId))) {
      return { ok: false, message: "This student has no portal user to remove. Reload the page." };
    }
    revalidateAdminPages();
    return {
      ok: true,
      message: "Portal user removed. It can no longer log in, and parents no longer see this student.",
    };
  },
  { hiddenFields: ["studentId"] },
);

export const resendStudentInvitationAction = managerAction(
  "resendStudentInvitation",
  z.object({ studentId: idField }),
  async ({ studentId }, { db }) => {
    const student = await getStudentById({ id: studentId }, db);
    if (!student) return STUDENT_NOT_FOUND;
    if (!student.user) {
      return { ok: false, message: "This student has no portal user yet: click Create Student User." };
    }
    const result = await resendInvitation(db, student.user.id);
    revalidateAdminPages();
    return result;
  },
  { hiddenFields: ["studentId"] },
);

/**
 * Replaces the student's parent links with `change` applied to the current
 * ones, through setStudentParents, which also re-syncs child_ids.
 */
async function changeStudentParents(
  db: Database,
  studentId: number,
  change: (links: ParentLink[]) => ParentLink[],
): Promise<boolean> {
  // NOTE: the current links are read outside setStudentParents' transaction,
  // so a link another manager adds in between is dropped. The window is one
  // query long.
  const current = await getParentsOfStudent({ studentId }, db);
  const links = current.map(({ parentId, relationship }) => ({ parentId, relationship }));
  return setStudentParents(db, studentId, change(links));
}

export const addParentToStudentAction = managerAction(
  "addParentToStudent",
  z.object({
    studentId: idField,
    parentId: chosenIdField("Choose a parent."),
    relationship: relationshipField,
  }),
  async ({ studentId, parentId, relationship }, { db }): Promise<ActionResult> => {
    const parent = await getParentById({ id: parentId }, db);
    if (!parent) {
      return { ok: false, message: "That parent no longer exists. Reload the page and choose another." };
    }
    const saved = await changeStudentParents(db, studentId, (links) => [
      ...links.filter((link) => link.parentId !== parentId),
      { parentId, relationship },
    ]);
    if (!saved) return STUDENT_NOT_FOUND;
    revalidateAdminPages();
    return { ok: true, message: `Linked ${parent.name} (${relationship}).` };
  },
  { hiddenFields: ["studentId"] },
);

export const removeParentFromStudentAction = managerAction(
  "removeParentFromStudent",
  z.object({ studentId: idField, parentId: idField }),
  async ({ studentId, parentId }, { db }) => {
    const saved = await changeStudentParents(db, studentId, (links) =>
      links.filter((link) => link.parentId !== parentId),
    );
    if (!saved) return STUDENT_NOT_FOUND;
    revalidateAdminPages();
    return { ok: true, message: "Parent removed from this student." };
  },
  { hiddenFields: ["studentId", "parentId"] },
);
