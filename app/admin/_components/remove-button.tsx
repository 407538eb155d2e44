"use client";

import { useFormStatus } from "react-dom";

/**
 * Renders a submit button that shows "Remove" but whose accessible name says
 * what it removes, such as "Remove Jane Smith". SubmitButton from
 * app/_components/form.tsx takes no aria-label, so it cannot do this.
 */
export function RemoveButton({ itemName }: { itemName: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      aria-label={`Remove ${itemName}`}
      disabled={pending}
      aria-disabled={pending}
      className="inline-flex min-h-10 items-center justify-center rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:cursor-wait disabled:opacity-60"
    >
      {pending ? "Removing…" : "Remove"}
    </button>
  );
}
