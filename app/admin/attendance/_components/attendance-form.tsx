"use client";

import { describedByIds, FieldHelp } from "@/app/_components/field-help";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { useActionForm } from "@/app/admin/_components/use-action-form";
import { REMARK_MAX, remarkFieldName, statusFieldName } from "@/lib/attendance/field-names";
import type { RegisterRow } from "@/lib/attendance/queries";
import { ATTENDANCE_STATUS_ORDER, STATUS_LABELS } from "@/lib/attendance/rules";
import { STATUS_CHOSEN_CLASSES } from "@/lib/attendance/status-styles";
import { saveAttendanceAction } from "../actions";

function StudentRow({
  row,
  fieldErrors,
}: {
  row: RegisterRow;
  fieldErrors: Record<string, string[] | undefined>;
}) {
  const statusName = statusFieldName(row.studentId);
  const remarkName = remarkFieldName(row.studentId);
  const statusErrors = fieldErrors[statusName];
  const remarkErrors = fieldErrors[remarkName];
  const remarkId = `field-${remarkName}`;
  return (
    <li>
      <fieldset
        aria-describedby={statusErrors?.length ? `field-${statusName}-error` : undefined}
        className="flex flex-col gap-3 rounded-md border border-zinc-200 bg-white p-3"
      >
        <legend className="float-left w-full font-medium">
          {row.name}
          {row.recorded ? (
            <span className="ml-2 text-sm font-normal text-zinc-600">(recorded)</span>
          ) : null}
        </legend>
        <input type="hidden" name="studentIds[]" value={row.studentId} />
        <div className="flex flex-wrap gap-2">
          {ATTENDANCE_STATUS_ORDER.map((status) => {
            const id = `${statusName}-${status}`;
            return (
              <label
                key={status}
                htmlFor={id}
                className={`inline-flex min-h-10 cursor-pointer items-center gap-2 rounded-md border border-zinc-300 px-3 py-2 text-sm has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-blue-700 ${STATUS_CHOSEN_CLASSES[status]}`}
              >
                <input
                  id={id}
                  type="radio"
                  name={statusName}
                  value={status}
                  defaultChecked={row.status === status}
                  className="size-4 accent-blue-700"
                />
                {STATUS_LABELS[status]}
              </label>
            );
          })}
        </div>
        <FieldHelp id={`field-${statusName}`} errors={statusErrors} />
        <div className="flex flex-col gap-1">
          <label htmlFor={remarkId} className="text-sm font-medium text-zinc-800">
            Remark
          </label>
          <input
            id={remarkId}
            name={remarkName}
            type="text"
            defaultValue={row.remark}
            maxLength={REMARK_MAX}
            aria-invalid={remarkErrors?.length ? true : undefined}
            aria-describedby={describedByIds(remarkId, undefined, remarkErrors)}
            className="min-h-10 rounded-md border border-zinc-300 px-3 py-2 text-base aria-invalid:border-red-600 focus-visible:outline-2 focus-visible:outline-blue-700"
          />
          <FieldHelp id={remarkId} errors={remarkErrors} />
        </div>
      </fieldset>
    </li>
  );
}

/**
 * Renders the class register of one course on one date: a status and an
 * optional remark per student, saved together by Save attendance.
 */
export function AttendanceForm({
  courseId,
  courseName,
  date,
  dateLabel,
  rows,
}: {
  courseId: number;
  courseName: string;
  date: string;
  dateLabel: string;
  rows: RegisterRow[];
}) {
  const { state, formProps } = useActionForm(saveAttendanceAction);
  const fieldErrors = state?.fieldErrors ?? {};
  const recordedCount = rows.filter((row) => row.recorded).length;
  return (
    <form {...formProps} aria-labelledby="register-heading" className="flex flex-col gap-4">
      <input type="hidden" name="courseId" value={courseId} />
      <input type="hidden" name="date" value={date} />
      <div className="flex flex-col gap-1">
        <h2 id="register-heading" className="text-lg font-semibold">
          {courseName} on {dateLabel}
        </h2>
        <p className="text-sm text-zinc-700">
          {recordedCount === 0
            ? `${rows.length} students. Nothing is recorded for this date yet, so everyone starts as present.`
            : `${rows.length} students. Attendance was already recorded for ${recordedCount} of them; saving replaces it.`}
        </p>
      </div>
      <ul className="flex flex-col gap-3">
        {rows.map((row) => (
          <StudentRow key={row.studentId} row={row} fieldErrors={fieldErrors} />
        ))}
      </ul>
      <FormMessage result={state} />
      <div>
        <SubmitButton pendingLabel="Saving…">Save attendance</SubmitButton>
      </div>
    </form>
  );
}
