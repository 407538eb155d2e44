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
import { resendParentInvitationAction } from "@/app/admin/parents/actions";
import type { LinkCandidates } from "@/lib/link-candidates";
import type { LinkedParent } from "@/lib/students/queries";
import { addParentToStudentAction, removeParentFromStudentAction } from "../actions";

/** A linked parent with its invitation state, rendered by the page. */
export type LinkedParentWithInvitation = LinkedParent & {
  invitationBadge: React.ReactNode;
  canResendInvitation: boolean;
};

function ParentRow({
  studentId,
  parent,
  remove,
  resend,
}: {
  studentId: number;
  parent: LinkedParentWithInvitation;
  remove: (formData: FormData) => void;
  resend: (formData: FormData) => void;
}) {
  return (
    <tr>
      <th scope="row" className={`${cellClass} font-medium`}>
        <Link href={`/admin/parents/${parent.parentId}`} className={textLinkClass}>
          {parent.name}
        </Link>
        {parent.active ? null : <span className="ml-2 text-xs text-zinc-600">(archived)</span>}
      </th>
      <td className={cellClass}>{formatRelationship(parent.relationship)}</td>
      <td className={cellClass}>{parent.invitationBadge}</td>
      <td className={cellClass}>
        <div className="flex flex-wrap gap-2">
          {parent.canResendInvitation ? (
            <form action={resend}>
              <input type="hidden" name="parentId" value={parent.parentId} />
              <SubmitButton variant="secondary" pendingLabel="Sending…">
                Resend invitation
                <span className="sr-only"> to {parent.name}</span>
              </SubmitButton>
            </form>
          ) : null}
          <form action={remove}>
            <input type="hidden" name="studentId" value={studentId} />
            <input type="hidden" name="parentId" value={parent.parentId} />
            <RemoveButton itemName={parent.name} />
          </form>
        </div>
      </td>
    </tr>
  );
}

/** Renders the parents linked to a student, with forms to remove and add links. */
export function StudentParents({
  studentId,
  linked,
  candidates,
  search,
  relationships,
}: {
  studentId: number;
  linked: LinkedParentWithInvitation[];
  /** Unlinked parents matching `search`, at most LINK_CANDIDATE_LIMIT of them. */
  candidates: LinkCandidates;
  /** The text of `?parentSearch=`. */
  search: string;
  /** The allowed relationship values, from db/schema.ts. */
  relationships: readonly string[];
}) {
  const [removeState, remove] = useActionState(removeParentFromStudentAction, null);
  const [resendState, resend] = useActionState(resendParentInvitationAction, null);
  const message = useLatestResult([removeState, resendState]);
  return (
    <section aria-labelledby="parents-heading" className={sectionClass}>
      <h2 id="parents-heading" className="text-lg font-semibold">
        Parents
      </h2>
      <FormMessage result={message} />
      {linked.length > 0 ? (
        <div className={tableWrapperClass}>
          <table className={tableClass}>
            <caption className="sr-only">Parents linked to this student</caption>
            <thead className="bg-zinc-50">
              <tr>
                <th scope="col" className={headerCellClass}>Name</th>
                <th scope="col" className={headerCellClass}>Relationship</th>
                <th scope="col" className={headerCellClass}>Invitation</th>
                <th scope="col" className={headerCellClass}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200">
              {linked.map((parent) => (
                <ParentRow
                  key={parent.parentId}
                  studentId={studentId}
                  parent={parent}
                  remove={remove}
                  resend={resend}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="text-sm text-zinc-700">No parents are linked to this student yet.</p>
      )}
      <AddLinkForm
        action={addParentToStudentAction}
        pagePath={`/admin/students/${studentId}`}
        record={{ field: "studentId", id: studentId, noun: "student" }}
        candidate={{ field: "parentId", noun: "parent", pluralNoun: "parents", searchName: "parentSearch" }}
        candidates={candidates}
        search={search}
        relationships={relationships}
      />
    </section>
  );
}
