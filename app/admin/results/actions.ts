"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { chosenIdField } from "@/app/admin/_lib/form-schemas";
import { revalidateAdminPages } from "@/app/admin/_lib/revalidate";
import { managerAction } from "@/lib/actions";
import { createExam, createSubject, saveResults, type LoadedResult, type MarksEntry } from "@/lib/grades/mutations";
import { MAX_MAX_MARKS, parseMarks } from "@/lib/grades/rules";
import { idField, schoolDateField } from "@/lib/validation";

/** Builds the schema of a required one-line text field whose messages name `label`. */
function requiredText(label: string, max: number, example: string) {
  return z
    .string({ error: `${label} is missing.` })
    .trim()
    .min(1, `${label} is missing: enter one such as "${example}".`)
    .max(max, `${label} is too long: at most ${max} characters.`)
    .refine((value) => !/\p{Cc}/u.test(value), `${label} must not contain control characters or line breaks.`);
}

export const createSubjectAction = managerAction(
  "createSubject",
  z.object({
    courseId: chosenIdField("Course is missing: choose the course that teaches this subject."),
    subjectName: requiredText("Subject", 80, "Algebra"),
    teacherName: requiredText("Teacher", 120, "Ms Patel"),
  }),
  async ({ courseId, subjectName, teacherName }, { db }) => {
    const status = await createSubject(db, { courseId, name: subjectName, teacherName });
    if (status === "course_not_found") {
      return { ok: false, message: "That course no longer exists. Reload the page and choose another." };
    }
    if (status === "duplicate") {
      return {
        ok: false,
        message: `This course already has a subject named "${subjectName}".`,
        fieldErrors: { subjectName: ["Subject already exists in this course: choose another name."] },
      };
    }
    revalidateAdminPages();
    return { ok: true, message: `Added ${subjectName}, taught by ${teacherName}.` };
  },
);

export const createExamAction = managerAction(
  "createExam",
  z.object({
    courseId: chosenIdField("Course is missing: choose the course that sits this exam."),
    examName: requiredText("Exam name", 120, "Autumn mid-term"),
    date: schoolDateField({ label: "Date", example: "2026-11-20", maxYearsBefore: 5, maxYearsAfter: 2 }),
    term: requiredText("Term", 60, "Autumn 2026"),
  }),
  async ({ examName, ...fields }, { db }) => {
    const examId = await createExam(db, { ...fields, name: examName });
    if (examId === null) {
      return { ok: false, message: "That course no longer exists. Reload the page and choose another." };
    }
    revalidateAdminPages();
    redirect(`/admin/results/${examId}?created=1`);
  },
);

const MARKS_FIELD = /^marks-([1-9][0-9]{0,15})-([1-9][0-9]{0,15})$/;
/** The hidden value of `loaded-<student>-<subject>`: empty, or "<marks>/<maximum>" as the screen showed it. */
const LOADED_VALUE = /^(?:|(\d{1,4})\/(\d{1,4}))$/;

/** Parses the result a cell showed when the screen opened; undefined when the field is missing or malformed. */
function parseLoaded(value: unknown): LoadedResult | undefined {
  const match = typeof value === "string" ? LOADED_VALUE.exec(value) : null;
  if (!match) return undefined;
  return match[1] === undefined ? null : { marks: Number(match[1]), maxMarks: Number(match[2]) };
}

const resultsSchema = z
  .looseObject({
    examId: idField,
    maxMarks: z
      .string({ error: "Maximum marks is missing." })
      .trim()
      .regex(/^\d{1,4}$/, `Maximum marks must be a whole number from 1 to ${MAX_MAX_MARKS}.`)
      .transform(Number)
      .refine(
        (value) => value >= 1 && value <= MAX_MAX_MARKS,
        `Maximum marks must be a whole number from 1 to ${MAX_MAX_MARKS}.`,
      ),
  })
  .transform((form, context) => {
    const entries: MarksEntry[] = [];
    for (const [field, value] of Object.entries(form)) {
      const match = MARKS_FIELD.exec(field);
      if (!match) continue;
      // The message shows under the cell, whose label names the student and subject.
      const parsed = parseMarks(String(value), form.maxMarks, "Marks");
      if (!parsed.ok) {
        context.addIssue({ code: "custom", path: [field], message: parsed.message });
        continue;
      }
      const loaded = parseLoaded(form[`loaded-${match[1]}-${match[2]}`]);
      if (loaded === undefined) {
        context.addIssue({
          code: "custom",
          path: [field],
          message: "The form is incomplete: reload the page and enter the marks again.",
        });
        continue;
      }
      entries.push({ studentId: Number(match[1]), subjectId: Number(match[2]), marks: parsed.marks, loaded });
    }
    return { examId: form.examId, maxMarks: form.maxMarks, entries };
  });

export const saveResultsAction = managerAction("saveResults", resultsSchema, async (input, { db }) => {
  if (input.entries.length === 0) {
    return { ok: false, message: "There are no marks to save: add subjects and enrolled students first." };
  }
  const result = await saveResults(db, input);
  switch (result.status) {
    case "exam_not_found":
      return { ok: false, message: "This exam no longer exists. Go back to the results page." };
    case "wrong_exam":
      return {
        ok: false,
        message: "These marks do not belong to this exam, so nothing was saved. Reload the page and try again.",
      };
    case "roster_changed":
      return {
        ok: false,
        message:
          "The students or subjects of this course changed while you were typing, so nothing was saved. Reload the page and enter the marks again.",
      };
    case "sheet_changed":
      return {
        ok: false,
        message:
          "Someone else saved results for this exam since you opened it, so nothing was saved: reload to see them.",
      };
    case "saved": {
      revalidateAdminPages();
      const changed = result.saved + result.removed;
      if (changed === 0) return { ok: true, message: "No marks changed, so nothing was saved." };
      const saved = `Saved ${result.saved} ${result.saved === 1 ? "result" : "results"}`;
      const removed = result.removed ? ` and removed ${result.removed}` : "";
      const students = result.notifiedStudents === 1 ? "1 student" : `${result.notifiedStudents} students`;
      const notified = result.notifiedStudents ? ` Families of ${students} were notified.` : "";
      return { ok: true, message: `${saved}${removed}.${notified}` };
    }
  }
}, { hiddenFields: ["examId"] });
