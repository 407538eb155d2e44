"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { SelectField } from "@/app/admin/_components/form-fields";
import { RemoveButton } from "@/app/admin/_components/remove-button";
import {
  cellClass,
  headerCellClass,
  sectionClass,
  tableClass,
  tableWrapperClass,
  textLinkClass,
} from "@/app/admin/_components/styles";
import { useActionForm } from "@/app/admin/_components/use-action-form";
import { useLatestResult } from "@/app/admin/_components/use-latest-result";
import { describeLinkCandidates, LinkPickerSearch } from "@/app/admin/_components/link-picker-search";
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

function AddParentForm({
  studentId,
  candidates,
  search,
  relationships,
}: {
  studentId: number;
  candidates: LinkCandidates;
  search: string;
  relationships: readonly string[];
}) {
  const { state, formProps } = useActionForm(addParentToStudentAction, { resetOnSuccess: true });
  const summary = describeLinkCandidates({
    result: candidates,
    search,
    noun: "parent",
    pluralNoun: "parents",
    linkedTo: "this student",
  });
  return (
    <div className="flex flex-col gap-3">
      <h3 id="add-parent-heading" className="font-semibold">
        Add a parent
      </h3>
      <LinkPickerSearch
        action={`/admin/students/${studentId}`}
        name="parentSearch"
        label="Find a parent by name or email"
        landmarkLabel="Parent search"
        search={search}
        summary={summary}
      />
      {candidates.candidates.length > 0 ? (
        <form {...formProps} aria-labelledby="add-parent-heading" className="flex flex-col gap-3">
          <input type="hidden" name="studentId" value={studentId} />
          <div className="grid gap-3 sm:grid-cols-2">
            <SelectField
              label="Parent"
              name="parentId"
              placeholder="Choose a parent"
              options={candidates.candidates.map((candidate) => ({
                value: String(candidate.id),
                label: candidate.email ? `${candidate.name} (${candidate.email})` : candidate.name,
              }))}
              errors={state?.fieldErrors?.parentId}
            />
            <SelectField
              label="Relationship"
              name="relationship"
              placeholder="Choose a relationship"
              options={relationships.map((value) => ({ value, label: formatRelationship(value) }))}
              errors={state?.fieldErrors?.relationship}
            />
          </div>
          <FormMessage result={state} />
          <div>
            <SubmitButton pendingLabel="Adding…">Add parent</SubmitButton>
          </div>
        </form>
      ) : null}
    </div>
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
      <AddParentForm
        studentId={studentId}
        candidates={candidates}
        search={search}
        relationships={relationships}
      />
    </section>
  );
}
