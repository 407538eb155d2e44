import type { AttendanceStatus } from "@/db/schema";
import { STATUS_LABELS } from "@/lib/attendance/rules";
import { STATUS_BADGE_CLASSES } from "@/lib/attendance/status-styles";

/** Renders a status as a coloured label whose text names the status. */
export function StatusBadge({ status }: { status: AttendanceStatus }) {
  return (
    <span
      className={`inline-block rounded border px-1.5 py-0.5 text-xs font-semibold ${STATUS_BADGE_CLASSES[status]}`}
    >
      {STATUS_LABELS[status]}
    </span>
  );
}
