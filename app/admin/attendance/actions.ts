"use server";

import { revalidateAdminPages } from "@/app/admin/_lib/revalidate";
import { managerAction, type ActionResult } from "@/lib/actions";
import { attendanceFormSchema } from "@/lib/attendance/form";
import { saveAttendance, type SaveAttendanceResult } from "@/lib/attendance/save-attendance";
import { formatSchoolDate } from "@/lib/school-calendar";

function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function describeSaveResult(result: SaveAttendanceResult, date: string): ActionResult {
  switch (result.status) {
    case "saved": {
      const notified =
        result.newlyAbsent > 0
          ? ` Notified the families of ${countOf(result.newlyAbsent, "newly absent student")}.`
          : "";
      return {
        ok: true,
        message:
          `Saved attendance of ${countOf(result.saved, "student")} for ${result.courseName} ` +
          `on ${formatSchoolDate(date)}: ${result.absent} absent.${notified}`,
      };
    }
    case "course_not_found":
      return { ok: false, message: "This course no longer exists. Choose another course." };
    case "future_date":
      return {
        ok: false,
        message:
          `Date cannot be in the future: the school's today is ${formatSchoolDate(result.today)}. ` +
          "Choose today or an earlier day.",
      };
    case "no_entries":
      return { ok: false, message: "No student is listed: choose a course with enrolled students." };
    case "not_enrolled":
      return {
        ok: false,
        message:
          "The class list changed since this page was loaded: some students are no longer " +
          "enrolled or were archived. Nothing was saved. Reload the page and try again.",
      };
  }
}

export const saveAttendanceAction = managerAction(
  "saveAttendance",
  attendanceFormSchema,
  async ({ courseId, date, entries }, { db, user }) => {
    const result = await saveAttendance(db, { courseId, date, entries, recordedBy: user.id });
    if (result.status === "saved") revalidateAdminPages();
    return describeSaveResult(result, date);
  },
  { hiddenFields: ["courseId", "date", "studentIds"] },
);
