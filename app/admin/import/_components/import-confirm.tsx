"use client";

import { useEffect, useRef, useState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { useActionForm } from "@/app/admin/_components/use-action-form";
import { applyImportAction } from "../actions";

const secondaryButtonClass =
  "inline-flex min-h-10 items-center justify-center rounded-md border border-zinc-300 bg-white px-4 py-2 text-sm font-medium text-zinc-900 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700";

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/**
 * Renders "Import N valid rows" and, once clicked, a confirmation with the
 * counts before the import runs.
 */
export function ImportConfirm({
  importId,
  fingerprint,
  createCount,
  updateCount,
  errorCount,
}: {
  importId: number;
  fingerprint: string;
  createCount: number;
  updateCount: number;
  errorCount: number;
}) {
  const [confirming, setConfirming] = useState(false);
  const { state, formProps } = useActionForm(applyImportAction);
  const confirmRef = useRef<HTMLDivElement>(null);
  const validCount = createCount + updateCount;
  const rows = plural(validCount, "valid row");

  const openRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  // Focus follows the step: onto Confirm import when it appears, and back
  // onto the Import button after Cancel.
  useEffect(() => {
    if (confirming)
      confirmRef.current?.querySelector<HTMLButtonElement>("button[type=submit]")?.focus();
    else if (wasConfirming.current) openRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  if (!confirming) {
    return (
      <div className="flex flex-col items-start gap-3">
        <FormMessage result={state} />
        <button
          ref={openRef}
          type="button"
          onClick={() => setConfirming(true)}
          className="inline-flex min-h-10 items-center justify-center rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
        >
          Import {rows}
        </button>
      </div>
    );
  }
  return (
    <div
      ref={confirmRef}
      className="flex flex-col gap-3 rounded-md border border-amber-300 bg-amber-50 p-4"
    >
      <h3 className="font-semibold text-amber-950">Import {rows}?</h3>
      <p className="text-sm text-amber-950">
        {plural(createCount, "new record")} and {plural(updateCount, "updated record")} will be
        saved, with their student links.{" "}
        {errorCount > 0 ? `${plural(errorCount, "row")} with errors will be skipped. ` : ""}No
        portal user is created and no email is sent.
      </p>
      <form {...formProps} className="flex flex-wrap gap-3">
        <input type="hidden" name="importId" value={importId} />
        <input type="hidden" name="fingerprint" value={fingerprint} />
        <SubmitButton pendingLabel="Importing…">Confirm import</SubmitButton>
        <button type="button" onClick={() => setConfirming(false)} className={secondaryButtonClass}>
          Cancel
        </button>
      </form>
      <FormMessage result={state} />
    </div>
  );
}
