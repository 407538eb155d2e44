"use client";

import { useEffect } from "react";

/** Renders a generic message when an admin page fails, because the raw error belongs in the server log only. */
export default function AdminError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest =
    error instanceof Error && "digest" in error && typeof error.digest === "string"
      ? error.digest
      : null;

  useEffect(() => {
    console.error("admin page failed", digest ?? error);
  }, [error, digest]);

  return (
    <div role="alert" className="flex flex-col items-start gap-3 rounded-md bg-red-50 p-4 text-red-900">
      <h1 className="text-xl font-semibold">This page could not be loaded</h1>
      <p>Something went wrong on our side. Try again; if it keeps failing, tell the site administrator.</p>
      {digest ? <p className="text-sm">Error reference: {digest}</p> : null}
      <button
        type="button"
        onClick={() => retry()}
        className="inline-flex min-h-10 items-center rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
      >
        Try again
      </button>
    </div>
  );
}
