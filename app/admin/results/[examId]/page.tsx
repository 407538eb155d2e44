import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { sectionClass, textLinkClass } from "@/app/admin/_components/styles";
import { parseRouteId } from "@/app/admin/_lib/route-params";
import { requireManager } from "@/lib/auth/session";
import { getResultSheet } from "@/lib/grades/queries";
import { formatSchoolDate } from "@/lib/school-calendar";
import { ResultsForm } from "../_components/results-form";

export const metadata: Metadata = { title: "Exam results" };

const DEFAULT_MAX_MARKS = 100;

export default async function ExamResultsPage({
  params,
  searchParams,
}: {
  params: Promise<{ examId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireManager();
  const examId = parseRouteId((await params).examId);
  if (examId === null) notFound();
  const [sheet, { created }] = await Promise.all([getResultSheet({ examId }), searchParams]);
  if (!sheet) notFound();

  const { exam } = sheet;
  const savedMarks = Object.fromEntries(sheet.marks);
  const savedMaximums = new Set([...sheet.marks.values()].map((value) => value.maxMarks));
  // Saved results show their maximum. If they differ per subject the default
  // shows, and saving applies the one maximum to every subject.
  const maxMarks = savedMaximums.size === 1 ? [...savedMaximums][0] : DEFAULT_MAX_MARKS;

  return (
    <>
      <p>
        <Link href="/admin/results" className={textLinkClass}>
          Back to results
        </Link>
      </p>
      <h1 className="text-2xl font-semibold break-words">{exam.name}</h1>
      <p className="text-zinc-700">
        {exam.courseName} · {formatSchoolDate(exam.date)} · {exam.term}
      </p>
      {created === "1" ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          Exam created. Enter the marks below.
        </p>
      ) : null}
      <section aria-labelledby="marks-heading" className={sectionClass}>
        <h2 id="marks-heading" className="text-lg font-semibold">
          Marks
        </h2>
        {sheet.subjects.length === 0 ? (
          <p className="text-sm text-zinc-700">
            {exam.courseName} has no subjects yet. Add one under{" "}
            <Link href="/admin/results" className={textLinkClass}>
              Results → Subjects
            </Link>
            , then come back to enter marks.
          </p>
        ) : sheet.students.length === 0 ? (
          <p className="text-sm text-zinc-700">No active student is enrolled in {exam.courseName}.</p>
        ) : (
          <ResultsForm
            examId={exam.id}
            students={sheet.students}
            subjects={sheet.subjects}
            savedMarks={savedMarks}
            maxMarks={maxMarks}
          />
        )}
      </section>
    </>
  );
}
