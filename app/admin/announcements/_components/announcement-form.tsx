"use client";

import { describedByIds, FieldHelp } from "@/app/_components/field-help";
import { Field, FormMessage, SubmitButton } from "@/app/_components/form";
import { SelectField } from "@/app/admin/_components/form-fields";
import { useActionForm, type FormAction } from "@/app/admin/_components/use-action-form";

const AUDIENCES = [
  { value: "school", label: "Everyone in the school" },
  { value: "course", label: "A course" },
  { value: "student", label: "A student" },
];

/** Renders the Post announcement form; the Course and Student selects are both always present. */
export function AnnouncementForm({
  action,
  courses,
  students,
  bodyMax,
}: {
  action: FormAction;
  courses: { id: number; code: string; name: string }[];
  students: { id: number; name: string }[];
  bodyMax: number;
}) {
  const { state, formProps } = useActionForm(action, { resetOnSuccess: true });
  const errors = state?.fieldErrors ?? {};
  const bodyId = "field-body";
  const bodyHint = `Up to ${bodyMax} characters. Shown as plain text; line breaks are kept.`;
  return (
    <form {...formProps} className="flex max-w-xl flex-col gap-4">
      <SelectField label="Audience" name="scope" options={AUDIENCES} defaultValue="school" errors={errors.scope} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Course"
          name="courseId"
          placeholder="Choose a course"
          options={courses.map((course) => ({ value: String(course.id), label: `${course.code} · ${course.name}` }))}
          errors={errors.courseId}
        />
        <SelectField
          label="Student"
          name="studentId"
          placeholder="Choose a student"
          options={students.map((student) => ({ value: String(student.id), label: student.name }))}
          errors={errors.studentId}
        />
      </div>
      <p className="-mt-2 text-sm text-zinc-600">
        Course is used when the audience is A course, Student when it is A student.
      </p>
      <Field label="Title" name="title" errors={errors.title} hint="Up to 120 characters." required autoComplete="off" />
      <div className="flex flex-col gap-1">
        <label htmlFor={bodyId} className="text-sm font-medium text-zinc-800">
          Message
        </label>
        <textarea
          id={bodyId}
          name="body"
          rows={6}
          required
          maxLength={bodyMax}
          aria-invalid={errors.body?.length ? true : undefined}
          aria-describedby={describedByIds(bodyId, bodyHint, errors.body)}
          className="rounded-md border border-zinc-300 px-3 py-2 text-base aria-invalid:border-red-600 focus-visible:outline-2 focus-visible:outline-blue-700"
        />
        <FieldHelp id={bodyId} hint={bodyHint} errors={errors.body} />
      </div>
      <FormMessage result={state} />
      <div>
        <SubmitButton pendingLabel="Posting…">Post announcement</SubmitButton>
      </div>
    </form>
  );
}
