import { z } from "zod";
import { attendanceStatuses } from "@/db/schema";
import { schoolDateField } from "@/lib/validation";
import { REMARK_MAX, remarkFieldName, statusFieldName } from "./field-names";
import type { AttendanceEntry } from "./save-attendance";
import { isIsoDate, STATUS_LABELS } from "./rules";

const ID_PATTERN = /^[1-9][0-9]{0,15}$/;

export const courseIdField = z
  .string({ error: "Course is missing: choose a course." })
  .trim()
  .regex(ID_PATTERN, "Course is missing: choose a course.")
  .transform(Number)
  // Sixteen digits can exceed 2^53, where Number() rounds to another id.
  .refine(Number.isSafeInteger, "Course is missing: choose a course.");

/** A real YYYY-MM-DD date, in the future or not. */
const isoDateField = z
  .string({ error: "Date is missing: enter the date of the lesson." })
  .trim()
  .refine(isIsoDate, "Date must be a real date such as 2027-01-27.");

/** A YYYY-MM-DD date that is no later than the school's today and at most five calendar years back. */
export const attendanceDateField = schoolDateField({
  label: "Date",
  example: "2027-01-27",
  maxYearsBefore: 5,
  notAfterToday: true,
  futureMessage: "Date is in the future: attendance can be taken for today or an earlier day.",
});

const statusField = z.enum(attendanceStatuses, {
  error: `Status must be one of: ${Object.values(STATUS_LABELS).join(", ")}.`,
});

const remarkField = z
  .string()
  .trim()
  .max(REMARK_MAX, `Remark is too long: at most ${REMARK_MAX} characters.`)
  .refine(
    (remark) => !/[\p{Cc}]/u.test(remark),
    "Remark must not contain control characters or line breaks.",
  )
  .transform((remark) => (remark === "" ? null : remark));

/**
 * The attendance form: the course, the date, the ids of the students listed
 * (`studentIds[]`) and, per student, `status-<id>` and `remark-<id>`. A listed
 * student without a status counts as present. Errors on a student's fields
 * are reported under that field's name, so the form shows them on the row.
 */
export const attendanceFormSchema = z
  .looseObject({
    courseId: courseIdField,
    // A future date passes here, so that saveAttendance rejects it with the school's today in the message.
    date: isoDateField,
    studentIds: z
      .array(
        z
          .string({ error: "A student id in the form is invalid: reload the page." })
          .regex(ID_PATTERN, "A student id in the form is invalid: reload the page.")
          .refine((id) => Number.isSafeInteger(Number(id)), "A student id in the form is invalid: reload the page."),
        {
          error: "No student is listed: choose a course with enrolled students.",
        },
      )
      .min(1, "No student is listed: choose a course with enrolled students."),
  })
  .transform((form, context) => {
    const studentIds = form.studentIds.map(Number);
    if (new Set(studentIds).size !== studentIds.length) {
      context.addIssue({
        code: "custom",
        path: ["studentIds"],
        message: "A student is listed twice: reload the page and try again.",
      });
      return z.NEVER;
    }
    const entries: AttendanceEntry[] = [];
    for (const studentId of studentIds) {
      const statusName = statusFieldName(studentId);
      const remarkName = remarkFieldName(studentId);
      const status = statusField.safeParse(form[statusName] ?? "present");
      const remark = remarkField.safeParse(form[remarkName] ?? "");
      if (!status.success) {
        context.addIssue({ code: "custom", path: [statusName], message: status.error.issues[0].message });
      }
      if (!remark.success) {
        context.addIssue({ code: "custom", path: [remarkName], message: remark.error.issues[0].message });
      }
      if (status.success && remark.success) {
        entries.push({ studentId, status: status.data, remark: remark.data });
      }
    }
    if (entries.length !== studentIds.length) return z.NEVER;
    return { courseId: form.courseId, date: form.date, entries };
  });

export type AttendanceForm = z.infer<typeof attendanceFormSchema>;
