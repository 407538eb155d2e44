"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { AddLinkForm } from "@/app/admin/_components/add-link-form";
import { RemoveButton } from "@/app/admin/_components/remove-button";
import {
  cellClass,
  headerCellClass,
  sectionClass,
  tableClass,
  tableWrapperClass,
  textLinkClass,
} from "@/app/admin/_components/styles";
import { useLatestResult } from "@/app/admin/_components/use-latest-result";
import { formatRelationship } from "@/app/admin/_lib/format";
import type { LinkCandidates } from "@/lib/link-candidates";
import type { LinkedStudent } from "@/lib/parents/queries";
import { createStudentUserAction } from "@/app/admin/students/actions";
import { linkStudentAction, unlinkStudentAction } from "../actions";

type FormDispatch = (formData: FormData) => void;

function StudentRow({
  parentId,
  student,
  unlink,
}: {
  parentId: number;
  student: LinkedStudent;
  unlink: FormDispatch;
}) {
  return (
    <tr>
      <th scope="row" className={`${cellClass} font-medium`}>
        <Link href={`/admin/students/${student.studentId}`} className={textLinkClass}>
          {student.name}
        </Link>
        {student.active ? null : <span className="ml-2 text-xs text-zinc-600">(archived)</span>}
      </th>
      <td className={cellClass}>{formatRelationship(student.relationship)}</td>
      <td className={`${cellClass} [overflow-wrap:anywhere]`}>{student.login ?? "No portal user"}</td>
      <td className={cellClass}>
        <form action={unlink}>
          <input type="hidden" name="parentId" value={parentId} />
          <input type="hidden" name="studentId" value={student.studentId} />
          <RemoveButton itemName={student.name} />
        </form>
      </td>
    </tr>
  );
}

function MissingPortalUsers({
  students,
  createUser,
}: {
  students: LinkedStudent[];
  createUser: FormDispatch;
}) {
  if (students.length === 0) return null;
  return (
    <ul className="flex flex-col gap-3">
      {students.map((student) => (
        <li key={student.studentId} className="flex flex-col items-start gap-2 rounded-md bg-amber-50 p-3 text-sm text-amber-950">
          <p>
            {student.name} has no portal user, so this parent will not see them until they have one.
          </p>
          <form action={createUser}>
            <input type="hidden" name="studentId" value={student.studentId} />
            <SubmitButton variant="secondary" pendingLabel="Creating…">
              Create Student User
            </SubmitButton>
          </form>
        </li>
      ))}
    </ul>
  );
}

/** Renders the students linked to a parent, with forms to remove and add links and to create missing portal users. */
export function ParentStudents({
  parentId,
  linked,
  candidates,
  search,
  relationships,
}: {
  parentId: number;
  linked: LinkedStudent[];
  /** Unlinked students matching `search`, at most LINK_CANDIDATE_LIMIT of them. */
  candidates: LinkCandidates;
  /** The text of `?studentSearch=`. */
  search: string;
  /** The allowed relationship values, from db/schema.ts. */
  relationships: readonly string[];
}) {
  const [unlinkState, unlink] = useActionState(unlinkStudentAction, null);
  const [createUserState, createUser] = useActionState(createStudentUserAction, null);
  const message = useLatestResult([unlinkState, createUserState]);

  return (
    <section aria-labelledby="students-heading" className={sectionClass}>
      <h2 id="students-heading" className="text-lg font-semibold">
        Students
      </h2>
      <FormMessage result={message} />
      {linked.length > 0 ? (
        <div className={tableWrapperClass}>
          <table className={tableClass}>
            <caption className="sr-only">Students linked to this parent</caption>
            <thead className="bg-zinc-50">
              <tr>
                <th scope="col" className={headerCellClass}>Name</th>
                <th scope="col" className={headerCellClass}>Relationship</th>
                <th scope="col" className={headerCellClass}>Portal user</th>
                <th scope="col" className={headerCellClass}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200">
              {linked.map((student) => (
                <StudentRow key={student.studentId} parentId={parentId} student={student} unlink={unlink} />
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="text-sm text-zinc-700">No students are linked to this parent yet.</p>
      )}
      <MissingPortalUsers
        students={linked.filter((student) => student.login === null)}
        createUser={createUser}
      />
      <AddLinkForm
        action={linkStudentAction}
        pagePath={`/admin/parents/${parentId}`}
        record={{ field: "parentId", id: parentId, noun: "parent" }}
        candidate={{ field: "studentId", noun: "student", pluralNoun: "students", searchName: "studentSearch" }}
        candidates={candidates}
        search={search}
        relationships={relationships}
      />
    </section>
  );
}
