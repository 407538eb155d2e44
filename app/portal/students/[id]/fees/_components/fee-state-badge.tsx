import type { FeeState } from "@/lib/fees/rules";

const BADGES: Record<FeeState, { label: string; className: string }> = {
  paid: { label: "Paid", className: "bg-green-50 text-green-800 ring-green-700/30" },
  due: { label: "Due", className: "bg-amber-50 text-amber-900 ring-amber-700/30" },
  overdue: { label: "Overdue", className: "bg-red-50 text-red-800 ring-red-700/30" },
};

/** Renders a fee line's state as a coloured label whose text carries the meaning. */
export function FeeStateBadge({ state }: { state: FeeState }) {
  const badge = BADGES[state];
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ring-1 ring-inset ${badge.className}`}
    >
      {badge.label}
    </span>
  );
}
