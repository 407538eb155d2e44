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

/** Checks that marks reach `percent` of the maximum, in exact integer arithmetic. */
function reaches(marks: number, maxMarks: number, percent: number): boolean {
  return marks * 100 >= percent * maxMarks;
}

/**
 * Returns the letter grade and pass/fail for a result. Both are decided on
 * the exact fraction, so 161/403 (39.95%, shown rounded as 40%) fails.
 */
export function gradeResult(marks: number, maxMarks: number): { grade: string; passed: boolean } {
  if (maxMarks <= 0) return { grade: "F", passed: false };
  const boundary = GRADE_BOUNDARIES.find((b) => reaches(marks, maxMarks, b.minPercent));
  return { grade: boundary?.grade ?? "F", passed: reaches(marks, maxMarks, PASS_PERCENT) };
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

export type CourseChart = {
  courseId: number;
  courseName: string;
  /** The course's exams the student has results in, oldest first. */
  exams: { id: number; name: string; date: string }[];
  /** One series per subject of the course, by name, with a percentage per exam (null for no result). */
  series: ChartSeries[];
};

/**
 * Arranges results for the progress charts: one chart per course, sorted by
 * course name. Each chart's categories are that course's exams, oldest
 * first, so exams of another course never leave gaps in its lines.
 */
export function buildCourseCharts(
  rows: {
    examId: number;
    examName: string;
    examDate: string;
    courseId: number;
    courseName: string;
    subjectId: number;
    subjectName: string;
    marks: number;
    maxMarks: number;
  }[],
): CourseChart[] {
  const charts = new Map<
    number,
    {
      courseName: string;
      exams: Map<number, { id: number; name: string; date: string }>;
      subjects: Map<number, string>;
    }
  >();
  for (const row of rows) {
    const chart = charts.get(row.courseId) ?? { courseName: row.courseName, exams: new Map(), subjects: new Map() };
    chart.exams.set(row.examId, { id: row.examId, name: row.examName, date: row.examDate });
    chart.subjects.set(row.subjectId, row.subjectName);
    charts.set(row.courseId, chart);
  }
  const built = new Map<number, CourseChart & { examIndex: Map<number, number>; bySubject: Map<number, ChartSeries> }>();
  for (const [courseId, chart] of charts) {
    const exams = [...chart.exams.values()].sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
    const bySubject = new Map(
      [...chart.subjects].map(([subjectId, name]) => [subjectId, { name, values: exams.map(() => null) } as ChartSeries]),
    );
    built.set(courseId, {
      courseId,
      courseName: chart.courseName,
      exams,
      series: [],
      examIndex: new Map(exams.map((exam, index) => [exam.id, index])),
      bySubject,
    });
  }
  for (const row of rows) {
    const chart = built.get(row.courseId)!;
    chart.bySubject.get(row.subjectId)!.values[chart.examIndex.get(row.examId)!] = percentOf(row.marks, row.maxMarks);
  }
  return [...built.values()]
    .map(({ courseId, courseName, exams, bySubject }) => ({
      courseId,
      courseName,
      exams,
      series: [...bySubject.values()].sort((a, b) => a.name.localeCompare(b.name)),
    }))
    .sort((a, b) => a.courseName.localeCompare(b.courseName) || a.courseId - b.courseId);
}
