/** Renders a placeholder announced as "Loading <what>…" while a page's data streams in. */
export function LoadingPanel({ what, rows = 3 }: { what: string; rows?: number }) {
  return (
    <div role="status" className="flex flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-5">
      <p className="text-sm text-zinc-700">Loading {what}…</p>
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} aria-hidden="true" className="h-4 animate-pulse rounded bg-zinc-200" />
      ))}
    </div>
  );
}
