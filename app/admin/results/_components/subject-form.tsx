"use client";

import { Field, FormMessage, SubmitButton } from "@/app/_components/form";
import { SelectField } from "@/app/admin/_components/form-fields";
import { useActionForm } from "@/app/admin/_components/use-action-form";
import type { CourseOption } from "@/lib/grades/queries";
import { createSubjectAction } from "../actions";

/** Renders the form that adds a subject, with its teacher, to a course. */
export function SubjectForm({ courses }: { courses: CourseOption[] }) {
  const { state, formProps } = useActionForm(createSubjectAction, { resetOnSuccess: true });
  const errors = state?.fieldErrors ?? {};
  return (
    <form {...formProps} aria-labelledby="add-subject-heading" className="flex flex-col gap-3">
      <h3 id="add-subject-heading" className="font-semibold">
        Add a subject
      </h3>
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          label="Course"
          name="courseId"
          idPrefix="subject"
          placeholder="Choose a course"
          options={courses.map((course) => ({ value: String(course.id), label: course.name }))}
          errors={errors.courseId}
        />
        <Field label="Subject" name="subjectName" errors={errors.subjectName} autoComplete="off" />
        <Field label="Teacher" name="teacherName" errors={errors.teacherName} autoComplete="off" />
      </div>
      <FormMessage result={state} />
      <div>
        <SubmitButton pendingLabel="Adding…">Add subject</SubmitButton>
      </div>
    </form>
  );
}
