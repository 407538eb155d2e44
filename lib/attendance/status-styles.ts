import type { AttendanceStatus } from "@/db/schema";

// Tailwind classes per attendance status. Every place that uses a colour also
// shows the status as text, so the colour is never the only signal.

/** Badge colours: dark text on a light tint of the same hue. */
export const STATUS_BADGE_CLASSES: Record<AttendanceStatus, string> = {
  present: "border-green-300 bg-green-50 text-green-800",
  late: "border-amber-300 bg-amber-50 text-amber-900",
  absent: "border-red-300 bg-red-50 text-red-800",
  excused: "border-sky-300 bg-sky-50 text-sky-900",
};

/** Colours of a status option in the manager's form once it is chosen. */
export const STATUS_CHOSEN_CLASSES: Record<AttendanceStatus, string> = {
  present: "has-checked:border-green-600 has-checked:bg-green-50 has-checked:text-green-900",
  late: "has-checked:border-amber-600 has-checked:bg-amber-50 has-checked:text-amber-900",
  absent: "has-checked:border-red-600 has-checked:bg-red-50 has-checked:text-red-900",
  excused: "has-checked:border-sky-600 has-checked:bg-sky-50 has-checked:text-sky-900",
};

