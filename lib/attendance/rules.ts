import type { AttendanceStatus } from "@/db/schema";

export type AttendanceCounts = Record<AttendanceStatus, number>;

export function emptyCounts(): AttendanceCounts {
  return { present: 0, absent: 0, late: 0, excused: 0 };
}

/**
 * Returns the attendance rate as a fraction from 0 to 1: sessions attended
 * (present or late) over sessions that counted (present, late or absent).
 * Excused sessions count for neither. Returns null when nothing counted.
 */
export function attendanceRate(counts: AttendanceCounts): number | null {
  const attended = counts.present + counts.late;
  const counted = attended + counts.absent;
  return counted === 0 ? null : attended / counted;
}
