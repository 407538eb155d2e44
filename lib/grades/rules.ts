/** Lowest percentage for each grade, highest first; below the last is "F". */
const GRADE_BOUNDARIES = [
  { grade: "A", minPercent: 80 },
  { grade: "B", minPercent: 70 },
  { grade: "C", minPercent: 60 },
  { grade: "D", minPercent: 50 },
  { grade: "E", minPercent: 40 },
] as const;

export const PASS_PERCENT = 40;

/** Returns marks as a percentage of the maximum, rounded to one decimal place. */
export function percentOf(marks: number, maxMarks: number): number {
  if (maxMarks <= 0) return 0;
  return Math.round((marks / maxMarks) * 1000) / 10;
}

/** Returns the letter grade and pass/fail for a result. */
export function gradeResult(marks: number, maxMarks: number): { grade: string; passed: boolean } {
  const percent = percentOf(marks, maxMarks);
  const boundary = GRADE_BOUNDARIES.find((b) => percent >= b.minPercent);
  return { grade: boundary?.grade ?? "F", passed: percent >= PASS_PERCENT };
}
