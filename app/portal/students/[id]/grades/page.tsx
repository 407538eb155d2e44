import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LineChart } from "@/app/_components/charts/line-chart";
import { getDb } from "@/db/client";
import { getVisibleStudentProfile } from "@/lib/access/rule";
import { requirePortalUser } from "@/lib/auth/session";
import { localeFromAcceptLanguage } from "@/lib/fees/rules";
import { getResultsOfStudent, type StudentResult } from "@/lib/grades/queries";
import { buildCourseCharts, gradeResult, percentOf, type CourseChart } from "@/lib/grades/rules";
import { formatSchoolDate, formatSchoolDayMonth } from "@/lib/school-calendar";

export const metadata: Metadata = { title: "Grades" };

const cell = "px-3 py-2 align-top";
const numberCell = `${cell} text-right tabular-nums whitespace-nowrap`;
const headerCell = "px-3 py-2 font-semibold whitespace-nowrap";

type ExamGroup = { examId: number; name: string; date: string; term: string; courseName: string; rows: StudentResult[] };

/** Groups results (already newest exam first) by exam, keeping that order. */
function groupByExam(rows: StudentResult[]): ExamGroup[] {
  const groups = new Map<number, ExamGroup>();
  for (const row of rows) {
    const group = groups.get(row.examId) ?? {
      examId: row.examId,
      name: row.examName,
      date: row.examDate,
      term: row.term,
      courseName: row.courseName,
      rows: [],
    };
    group.rows.push(row);
    groups.set(row.examId, group);
  }
  return [...groups.values()];
}

/**
 * Labels a course chart's exams with a short date, with the year when the
 * exams span more than one. The table and summary also name each exam.
 */
/** Labels exams by school date in the portal's en-GB date style; money alone follows the reader's locale. */
function chartCategories(chart: CourseChart) {
  const years = new Set(chart.exams.map((exam) => exam.date.slice(0, 4)));
  return chart.exams.map((exam) => ({
    short: years.size > 1 ? formatSchoolDate(exam.date, "en-GB", "medium") : formatSchoolDayMonth(exam.date, "en-GB"),
    long: `${exam.name}, ${formatSchoolDate(exam.date)}`,
  }));
}

function ExamResults({ group, locale, formatPercent }: { group: ExamGroup; locale: string; formatPercent: (value: number) => string }) {
  const headingId = `exam-${group.examId}-heading`;
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-zinc-200 bg-white p-5">
      <h2 id={headingId} className="text-lg font-semibold">
        {group.name}
      </h2>
      <p className="text-sm text-zinc-700">
        {group.courseName} · {formatSchoolDate(group.date)} · {group.term}
      </p>
      <div
        role="region"
        aria-label={`Results table, ${group.name}`}
        tabIndex={0}
        className="relative mt-3 overflow-x-auto rounded-md border border-zinc-200 focus-visible:outline-2 focus-visible:outline-blue-700"
      >
        <table className="min-w-full divide-y divide-zinc-200 text-left text-sm">
          <caption className="sr-only">
            Results of {group.name} on {formatSchoolDate(group.date)}
          </caption>
          <thead className="bg-zinc-50">
            <tr>
              <th scope="col" className={headerCell}>Subject</th>
              <th scope="col" className={headerCell}>Teacher</th>
              <th scope="col" className={`${headerCell} text-right`}>Marks</th>
              <th scope="col" className={`${headerCell} text-right`}>Maximum</th>
              <th scope="col" className={`${headerCell} text-right`}>Percent</th>
              <th scope="col" className={headerCell}>Grade</th>
              <th scope="col" className={headerCell}>Result</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200">
            {group.rows.map((row) => {
              const { grade, passed } = gradeResult(row.marks, row.maxMarks);
              return (
                <tr key={row.subjectId}>
                  <th scope="row" className={`${cell} font-medium`}>
                    {row.subjectName}
                  </th>
                  <td className={cell}>{row.teacherName ?? "Not recorded"}</td>
                  <td className={numberCell}>{row.marks}</td>
                  <td className={numberCell}>{row.maxMarks}</td>
                  <td className={numberCell}>{formatPercent(percentOf(row.marks, row.maxMarks))}</td>
                  <td className={cell}>{grade}</td>
                  <td className={`${cell} font-medium ${passed ? "text-green-800" : "text-red-800"}`}>
                    {passed ? "Pass" : "Fail"}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export default async function StudentGradesPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePortalUser();
  const { id } = await params;
  const studentId = /^[1-9]\d{0,11}$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(studentId)) notFound();
  const db = getDb();
  const student = await getVisibleStudentProfile(db, user.id, studentId);
  // Someone else's student and a missing one get the same 404 response.
  if (!student) notFound();
  const [rows, requestHeaders] = await Promise.all([getResultsOfStudent({ studentId }, db), headers()]);
  const locale = localeFromAcceptLanguage(requestHeaders.get("accept-language"));
  const percentFormat = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const formatPercent = (value: number) => percentFormat.format(value / 100);
  const groups = groupByExam(rows);
  const charts = buildCourseCharts(rows);

  return (
    <article aria-labelledby="grades-heading" className="flex flex-col gap-6">
      <p className="text-sm">
        <Link href={`/portal/students/${student.id}`} className="text-blue-700 underline">
          ← {student.name}
        </Link>
      </p>
      <h2 id="grades-heading" className="text-xl font-semibold">
        Grades: {student.name}
      </h2>
      {groups.length === 0 ? (
        <div className="rounded-lg border border-dashed border-zinc-300 bg-white p-6">
          <p className="font-medium">No results yet.</p>
          <p className="mt-2 text-zinc-700">
            Results appear here once the school has entered the marks of an exam {student.name} sat.
          </p>
        </div>
      ) : (
        <>
          <section aria-labelledby="progress-heading" className="rounded-lg border border-zinc-200 bg-white p-5">
            <h2 id="progress-heading" className="mb-3 text-lg font-semibold">
              Progress across exams
            </h2>
            <div className="flex flex-col gap-8">
              {charts.map((chart) => (
                <LineChart
                  key={chart.courseId}
                  title={`Percent per subject, ${student.name}, ${chart.courseName}`}
                  categories={chartCategories(chart)}
                  series={chart.series}
                  maxValue={100}
                  formatValue={formatPercent}
                  categoryHeading="Exam"
                />
              ))}
            </div>
          </section>
          {groups.map((group) => (
            <ExamResults key={group.examId} group={group} locale={locale} formatPercent={formatPercent} />
          ))}
        </>
      )}
    </article>
  );
}
