"use client";

import { Field, FormMessage, SubmitButton } from "@/app/_components/form";
import { SelectField } from "@/app/admin/_components/form-fields";
import { useActionForm } from "@/app/admin/_components/use-action-form";
import type { CourseOption } from "@/lib/grades/queries";
import { createExamAction } from "../actions";

/** Renders the form that creates an exam; on success the action opens the exam's results screen. */
export function ExamForm({ courses, today }: { courses: CourseOption[]; today: string }) {
  const { state, formProps } = useActionForm(createExamAction);
  const errors = state?.fieldErrors ?? {};
  return (
    <form {...formProps} aria-labelledby="create-exam-heading" className="flex flex-col gap-3">
      <h2 id="create-exam-heading" className="text-lg font-semibold">
        Create an exam
      </h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label="Course"
          name="courseId"
          idPrefix="exam"
          placeholder="Choose a course"
          options={courses.map((course) => ({ value: String(course.id), label: course.name }))}
          errors={errors.courseId}
        />
        <Field label="Exam name" name="examName" errors={errors.examName} autoComplete="off" />
        <Field label="Date" name="date" type="date" defaultValue={today} errors={errors.date} />
        <Field label="Term" name="term" errors={errors.term} hint="For example Autumn 2026." autoComplete="off" />
      </div>
      <FormMessage result={state} />
      <div>
        <SubmitButton pendingLabel="Creating…">Create exam</SubmitButton>
      </div>
    </form>
  );
}
