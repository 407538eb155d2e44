import type { Metadata } from "next";
import { SelectField } from "@/app/admin/_components/form-fields";
import { sectionClass } from "@/app/admin/_components/styles";
import { getDb } from "@/db/client";
import { courseIdField, attendanceDateField } from "@/lib/attendance/form";
import { getClassRegister, getCourseOptions } from "@/lib/attendance/queries";
import { requireManager } from "@/lib/auth/session";
import { formatSchoolDate, schoolToday } from "@/lib/school-calendar";
import { AttendanceForm } from "./_components/attendance-form";
import { DateField } from "./_components/date-field";

export const metadata: Metadata = { title: "Attendance" };

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function AttendancePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireManager();
  const params = await searchParams;
  const today = schoolToday();
  const db = getDb();
  const courseOptions = await getCourseOptions(db);

  const courseValue = firstValue(params.course);
  const dateValue = firstValue(params.date) ?? today;
  const parsedCourse = courseValue === undefined ? null : courseIdField.safeParse(courseValue);
  const parsedDate = attendanceDateField.safeParse(dateValue);
  const course = parsedCourse?.success
    ? courseOptions.find((option) => option.id === parsedCourse.data)
    : undefined;
  const courseError =
    courseValue !== undefined && !course
      ? ["Course not found: choose a course from the list."]
      : undefined;
  const dateError = parsedDate.success ? undefined : [parsedDate.error.issues[0].message];
  const register =
    course && parsedDate.success
      ? await getClassRegister(db, { courseId: course.id, date: parsedDate.data })
      : null;

  return (
    <>
      <h1 className="text-2xl font-semibold">Attendance</h1>
      <form method="get" action="/admin/attendance" aria-label="Choose a class" className={sectionClass}>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label="Course"
            name="course"
            placeholder="Choose a course"
            options={courseOptions.map((option) => ({
              value: String(option.id),
              label: `${option.name} (${option.code})`,
            }))}
            defaultValue={course ? String(course.id) : ""}
            errors={courseError}
          />
          <DateField
            defaultValue={dateValue}
            max={today}
            hint={`The school's today is ${formatSchoolDate(today)}.`}
            errors={dateError}
          />
        </div>
        <div>
          <button
            type="submit"
            className="inline-flex min-h-10 items-center justify-center rounded-md border border-zinc-300 bg-white px-4 py-2 text-sm font-medium text-zinc-900 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
          >
            Show class
          </button>
        </div>
      </form>
      {courseOptions.length === 0 ? (
        <p className="rounded-md border border-dashed border-zinc-300 bg-white p-6 text-zinc-700">
          There are no courses yet, so there is no class to take attendance for.
        </p>
      ) : register === null ? (
        <p className="rounded-md border border-dashed border-zinc-300 bg-white p-6 text-zinc-700">
          Choose a course and a date, then click Show class to list its students.
        </p>
      ) : register.length === 0 ? (
        <p className="rounded-md border border-dashed border-zinc-300 bg-white p-6 text-zinc-700">
          No active student is enrolled in {course!.name}, so there is nobody to mark.
        </p>
      ) : (
        <AttendanceForm
          key={`${course!.id}-${parsedDate.data}`}
          courseId={course!.id}
          courseName={course!.name}
          date={parsedDate.data!}
          dateLabel={formatSchoolDate(parsedDate.data!)}
          rows={register}
        />
      )}
    </>
  );
}
