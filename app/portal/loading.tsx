export default function Loading() {
  return (
    <p role="status" className="animate-pulse text-zinc-600">
      Loading…
    </p>
  );
}
