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

/** Largest "maximum marks" an exam may have. */
export const MAX_MAX_MARKS = 1000;

export type ParsedMarks = { ok: true; marks: number | null } | { ok: false; message: string };

/**
 * Parses the text of one marks cell: empty means no result, anything else
 * must be a whole number from 0 to `maxMarks`. `label` starts the message.
 */
export function parseMarks(text: string, maxMarks: number, label: string): ParsedMarks {
  const value = text.trim();
  if (value === "") return { ok: true, marks: null };
  if (!/^\d{1,4}$/.test(value)) {
    return { ok: false, message: `${label} must be a whole number from 0 to ${maxMarks}.` };
  }
  const marks = Number(value);
  if (marks > maxMarks) {
    return { ok: false, message: `${label} are above the maximum: enter 0 to ${maxMarks}.` };
  }
  return { ok: true, marks };
}

export type ChartSeries = { name: string; values: (number | null)[] };

/**
 * Arranges results for the progress chart: one category per exam, oldest
 * first, and one series per subject with its percentage in each exam (null
 * where the subject had no result). Subjects of the same name in different
 * courses get the course name added.
 */
export function buildSubjectSeries(
  rows: {
    examId: number;
    examName: string;
    examDate: string;
    courseName: string;
    subjectId: number;
    subjectName: string;
    marks: number;
    maxMarks: number;
  }[],
): { exams: { id: number; name: string; date: string }[]; series: ChartSeries[] } {
  const examsById = new Map<number, { id: number; name: string; date: string }>();
  const subjectsById = new Map<number, { name: string; courseName: string }>();
  for (const row of rows) {
    examsById.set(row.examId, { id: row.examId, name: row.examName, date: row.examDate });
    subjectsById.set(row.subjectId, { name: row.subjectName, courseName: row.courseName });
  }
  const exams = [...examsById.values()].sort((a, b) =>
    a.date === b.date ? a.id - b.id : a.date < b.date ? -1 : 1,
  );
  const examIndex = new Map(exams.map((exam, index) => [exam.id, index]));
  const nameCounts = new Map<string, number>();
  for (const subject of subjectsById.values()) {
    nameCounts.set(subject.name, (nameCounts.get(subject.name) ?? 0) + 1);
  }
  const seriesBySubject = new Map<number, ChartSeries>();
  for (const [subjectId, subject] of subjectsById) {
    const name =
      (nameCounts.get(subject.name) ?? 0) > 1 ? `${subject.name} (${subject.courseName})` : subject.name;
    seriesBySubject.set(subjectId, { name, values: exams.map(() => null) });
  }
  for (const row of rows) {
    seriesBySubject.get(row.subjectId)!.values[examIndex.get(row.examId)!] = percentOf(row.marks, row.maxMarks);
  }
  const series = [...seriesBySubject.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { exams, series };
}
