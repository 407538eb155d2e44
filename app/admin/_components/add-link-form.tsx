"use client";

import { FormMessage, SubmitButton } from "@/app/_components/form";
import { SelectField } from "@/app/admin/_components/form-fields";
import { describeLinkCandidates, LinkPickerSearch } from "@/app/admin/_components/link-picker-search";
import { useActionForm, type FormAction } from "@/app/admin/_components/use-action-form";
import { formatRelationship } from "@/app/admin/_lib/format";
import type { LinkCandidates } from "@/lib/link-candidates";

/**
 * Renders the "Add a parent" or "Add a student" part of a record page: the
 * search that picks the candidates, then a form that posts the record's id,
 * the chosen candidate and the relationship to `action`.
 */
export function AddLinkForm({
  action,
  pagePath,
  record,
  candidate,
  candidates,
  search,
  relationships,
}: {
  action: FormAction;
  /** The record's page, which the search reloads with its search parameter. */
  pagePath: string;
  /** The hidden field with the id of the record whose page this is. */
  record: { field: string; id: number; noun: string };
  /** The field and the words for the records offered, e.g. field "parentId", noun "parent". */
  candidate: { field: string; noun: string; pluralNoun: string; searchName: string };
  candidates: LinkCandidates;
  search: string;
  relationships: readonly string[];
}) {
  const { state, formProps } = useActionForm(action, { resetOnSuccess: true });
  const title = candidate.noun.charAt(0).toUpperCase() + candidate.noun.slice(1);
  const headingId = `add-${candidate.noun}-heading`;
  const summary = describeLinkCandidates({
    result: candidates,
    search,
    noun: candidate.noun,
    pluralNoun: candidate.pluralNoun,
    linkedTo: `this ${record.noun}`,
  });

  return (
    <div className="flex flex-col gap-3">
      <h3 id={headingId} className="font-semibold">
        Add a {candidate.noun}
      </h3>
      <LinkPickerSearch
        action={pagePath}
        name={candidate.searchName}
        label={`Find a ${candidate.noun} by name or email`}
        landmarkLabel={`${title} search`}
        search={search}
        summary={summary}
      />
      {candidates.candidates.length > 0 ? (
        <form {...formProps} aria-labelledby={headingId} className="flex flex-col gap-3">
          <input type="hidden" name={record.field} value={record.id} />
          <div className="grid gap-3 sm:grid-cols-2">
            <SelectField
              label={title}
              name={candidate.field}
              placeholder={`Choose a ${candidate.noun}`}
              options={candidates.candidates.map((option) => ({
                value: String(option.id),
                label: option.email ? `${option.name} (${option.email})` : option.name,
              }))}
              errors={state?.fieldErrors?.[candidate.field]}
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
            <SubmitButton pendingLabel="Adding…">Add {candidate.noun}</SubmitButton>
          </div>
        </form>
      ) : null}
    </div>
  );
}
