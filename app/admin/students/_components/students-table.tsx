"use client";

import Link from "next/link";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import {
  cellClass,
  headerCellClass,
  tableClass,
  tableWrapperClass,
  textLinkClass,
} from "@/app/admin/_components/styles";
import { useActionForm } from "@/app/admin/_components/use-action-form";
import type { StudentSummary } from "@/lib/students/queries";
import { setStudentsActiveAction } from "../actions";

function StudentRow({ student }: { student: StudentSummary }) {
  return (
    <tr>
      <td className={cellClass}>
        <input
          type="checkbox"
          name="studentIds[]"
          value={student.id}
          aria-label={student.name}
          className="size-5 accent-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
        />
      </td>
      <th scope="row" className={`${cellClass} font-medium`}>
        <Link href={`/admin/students/${student.id}`} className={textLinkClass}>
          {student.name}
        </Link>
      </th>
      <td className={`${cellClass} [overflow-wrap:anywhere]`}>{student.email ?? "No email"}</td>
      <td className={cellClass}>{student.active ? "Active" : "Archived"}</td>
      <td className={`${cellClass} [overflow-wrap:anywhere]`}>{student.login ?? "No portal user"}</td>
    </tr>
  );
}

/** Renders the student list as a form, so ticked rows can be archived or restored together. */
export function StudentsTable({ students }: { students: StudentSummary[] }) {
  const { state, formProps } = useActionForm(setStudentsActiveAction, { resetOnSuccess: true });
  return (
    <form {...formProps} aria-label="Students" className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant="secondary" name="intent" value="archive" pendingLabel="Saving…">
          Archive selected
        </SubmitButton>
        <SubmitButton variant="secondary" name="intent" value="restore" pendingLabel="Saving…">
          Restore selected
        </SubmitButton>
      </div>
      <FormMessage result={state} />
      <div className={tableWrapperClass}>
        <table className={tableClass}>
          <caption className="sr-only">Students</caption>
          <thead className="bg-zinc-50">
            <tr>
              <th scope="col" className={headerCellClass}>
                <span className="sr-only">Select</span>
              </th>
              <th scope="col" className={headerCellClass}>Name</th>
              <th scope="col" className={headerCellClass}>Email</th>
              <th scope="col" className={headerCellClass}>Status</th>
              <th scope="col" className={headerCellClass}>Portal user</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200">
            {students.map((student) => (
              <StudentRow key={student.id} student={student} />
            ))}
          </tbody>
        </table>
      </div>
    </form>
  );
}
