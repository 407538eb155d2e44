"use client";

import { FieldHelp, describedByIds } from "@/app/_components/field-help";
import { Field, FormMessage, SubmitButton } from "@/app/_components/form";
import { cellClass, headerCellClass, tableClass, tableWrapperClass } from "@/app/admin/_components/styles";
import { useActionForm } from "@/app/admin/_components/use-action-form";
import { saveResultsAction } from "../actions";

type SheetStudent = { id: number; name: string };
type SheetSubject = { id: number; name: string; teacherName: string | null };
type SavedResult = { marks: number; maxMarks: number };

function MarksCell({
  student,
  subject,
  loaded,
  errors,
}: {
  student: SheetStudent;
  subject: SheetSubject;
  loaded: SavedResult | undefined;
  errors?: string[];
}) {
  const name = `marks-${student.id}-${subject.id}`;
  const id = `field-${name}`;
  return (
    <td className={cellClass}>
      {/* What this cell showed on opening: the save changes nothing if the stored result moved since. */}
      <input
        type="hidden"
        name={`loaded-${student.id}-${subject.id}`}
        value={loaded ? `${loaded.marks}/${loaded.maxMarks}` : ""}
      />
      <input
        id={id}
        name={name}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        defaultValue={loaded ? String(loaded.marks) : ""}
        aria-label={`${student.name} – ${subject.name} marks`}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedByIds(id, undefined, errors)}
        className="min-h-10 w-20 rounded-md border border-zinc-300 px-2 py-1 text-base aria-invalid:border-red-600 focus-visible:outline-2 focus-visible:outline-blue-700"
      />
      <FieldHelp id={id} errors={errors} />
    </td>
  );
}

/**
 * Renders the results screen of one exam: a marks input for each enrolled
 * student and subject of the course, one maximum for the exam, and Save results.
 */
export function ResultsForm({
  examId,
  students,
  subjects,
  savedMarks,
  maxMarks,
}: {
  examId: number;
  students: SheetStudent[];
  subjects: SheetSubject[];
  /** Saved results keyed by "<studentId>-<subjectId>". */
  savedMarks: Record<string, SavedResult>;
  maxMarks: number;
}) {
  const { state, formProps } = useActionForm(saveResultsAction);
  const errors = state?.fieldErrors ?? {};
  return (
    <form {...formProps} aria-label="Results" className="flex flex-col gap-4">
      <input type="hidden" name="examId" value={examId} />
      <div className="max-w-xs">
        <Field
          label="Maximum marks"
          name="maxMarks"
          type="text"
          defaultValue={String(maxMarks)}
          errors={errors.maxMarks}
          hint="The same maximum applies to every subject of this exam."
        />
      </div>
      <p className="text-sm text-zinc-700">
        Enter whole marks. Leave a cell empty for no result; emptying a saved mark removes it.
      </p>
      <div className={`${tableWrapperClass} relative`}>
        <table className={tableClass}>
          <caption className="sr-only">Marks per student and subject</caption>
          <thead className="bg-zinc-50">
            <tr>
              <th scope="col" className={headerCellClass}>
                Student
              </th>
              {subjects.map((subject) => (
                <th key={subject.id} scope="col" className={headerCellClass}>
                  {subject.name}
                  {subject.teacherName ? (
                    <span className="block text-xs font-normal text-zinc-600">{subject.teacherName}</span>
                  ) : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200">
            {students.map((student) => (
              <tr key={student.id}>
                <th scope="row" className={`${cellClass} font-medium whitespace-nowrap`}>
                  {student.name}
                </th>
                {subjects.map((subject) => {
                  const key = `${student.id}-${subject.id}`;
                  return (
                    <MarksCell
                      key={subject.id}
                      student={student}
                      subject={subject}
                      loaded={savedMarks[key]}
                      errors={errors[`marks-${key}`]}
                    />
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FormMessage result={state} />
      <div>
        <SubmitButton pendingLabel="Saving…">Save results</SubmitButton>
      </div>
    </form>
  );
}
