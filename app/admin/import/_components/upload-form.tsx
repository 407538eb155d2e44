"use client";

import { describedByIds, FieldHelp } from "@/app/_components/field-help";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { useActionForm } from "@/app/admin/_components/use-action-form";
import { uploadImportFileAction } from "../actions";

const KIND_OPTIONS = [
  { value: "students", label: "Students" },
  { value: "parents", label: "Parents, with their linked students" },
];

/** Renders the form that uploads a CSV file and opens its dry run. */
export function UploadForm({ maxMegabytes, maxRows }: { maxMegabytes: number; maxRows: number }) {
  const { state, formProps } = useActionForm(uploadImportFileAction);
  const kindErrors = state?.fieldErrors?.kind;
  const fileErrors = state?.fieldErrors?.file;
  const fileHint = `A .csv file in UTF-8, separated by commas or semicolons, up to ${maxMegabytes} MB and ${maxRows.toLocaleString("en-GB")} rows. Checking the file writes no records.`;
  return (
    <form
      {...formProps}
      encType="multipart/form-data"
      aria-labelledby="upload-heading"
      className="flex flex-col gap-4"
    >
      <fieldset
        className="flex flex-col gap-2"
        aria-invalid={kindErrors?.length ? true : undefined}
        aria-describedby={describedByIds("field-kind", undefined, kindErrors)}
      >
        <legend className="text-sm font-medium text-zinc-800">Kind of file</legend>
        {KIND_OPTIONS.map((option) => (
          <div key={option.value} className="flex items-center gap-2">
            <input
              id={`field-kind-${option.value}`}
              type="radio"
              name="kind"
              value={option.value}
              className="size-5 accent-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
            />
            <label htmlFor={`field-kind-${option.value}`} className="text-sm text-zinc-800">
              {option.label}
            </label>
          </div>
        ))}
        <FieldHelp id="field-kind" errors={kindErrors} />
      </fieldset>
      <div className="flex flex-col gap-1">
        <label htmlFor="field-file" className="text-sm font-medium text-zinc-800">
          CSV file
        </label>
        <input
          id="field-file"
          name="file"
          type="file"
          accept=".csv,.txt,text/csv"
          aria-invalid={fileErrors?.length ? true : undefined}
          aria-describedby={describedByIds("field-file", fileHint, fileErrors)}
          className="max-w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-base file:mr-3 file:rounded file:border-0 file:bg-zinc-100 file:px-3 file:py-1 aria-invalid:border-red-600 focus-visible:outline-2 focus-visible:outline-blue-700"
        />
        <FieldHelp id="field-file" hint={fileHint} errors={fileErrors} />
      </div>
      <FormMessage result={state} />
      <div>
        <SubmitButton pendingLabel="Checking the file…">Check file</SubmitButton>
      </div>
    </form>
  );
}
