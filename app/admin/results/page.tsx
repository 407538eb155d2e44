import type { Metadata } from "next";
import Link from "next/link";
import {
  cellClass,
  headerCellClass,
  sectionClass,
  tableClass,
  tableWrapperClass,
  textLinkClass,
} from "@/app/admin/_components/styles";
import { requireManager } from "@/lib/auth/session";
import { getCourseOptions, getExams, getSubjects, type ExamSummary, type SubjectRow } from "@/lib/grades/queries";
import { formatSchoolDate, schoolToday } from "@/lib/school-calendar";
import { ExamForm } from "./_components/exam-form";
import { SubjectForm } from "./_components/subject-form";

export const metadata: Metadata = { title: "Results" };

function ExamsTable({ exams }: { exams: ExamSummary[] }) {
  return (
    <div className={`${tableWrapperClass} relative`}>
      <table className={tableClass}>
        <caption className="sr-only">Exams, newest first</caption>
        <thead className="bg-zinc-50">
          <tr>
            <th scope="col" className={headerCellClass}>Exam</th>
            <th scope="col" className={headerCellClass}>Course</th>
            <th scope="col" className={headerCellClass}>Date</th>
            <th scope="col" className={headerCellClass}>Term</th>
            <th scope="col" className={headerCellClass}>Results</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200">
          {exams.map((exam) => (
            <tr key={exam.id}>
              <th scope="row" className={`${cellClass} font-medium`}>
                <Link href={`/admin/results/${exam.id}`} className={textLinkClass}>
                  {exam.name}
                </Link>
              </th>
              <td className={cellClass}>{exam.courseName}</td>
              <td className={`${cellClass} whitespace-nowrap`}>{formatSchoolDate(exam.date, "en-GB", "medium")}</td>
              <td className={cellClass}>{exam.term}</td>
              <td className={cellClass}>{exam.resultCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SubjectsTable({ subjects }: { subjects: SubjectRow[] }) {
  // Focusable, so keyboard users can scroll a table that has no links.
  return (
    <div role="region" aria-label="Subjects table" tabIndex={0} className={`${tableWrapperClass} relative focus-visible:outline-2 focus-visible:outline-blue-700`}>
      <table className={tableClass}>
        <caption className="sr-only">Subjects per course</caption>
        <thead className="bg-zinc-50">
          <tr>
            <th scope="col" className={headerCellClass}>Course</th>
            <th scope="col" className={headerCellClass}>Subject</th>
            <th scope="col" className={headerCellClass}>Teacher</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200">
          {subjects.map((subject) => (
            <tr key={subject.id}>
              <td className={cellClass}>{subject.courseName}</td>
              <th scope="row" className={`${cellClass} font-medium`}>
                {subject.name}
              </th>
              <td className={cellClass}>{subject.teacherName ?? "Not recorded"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default async function ResultsPage() {
  await requireManager();
  const [courses, exams, subjects] = await Promise.all([getCourseOptions(), getExams(), getSubjects()]);

  return (
    <>
      <h1 className="text-2xl font-semibold">Results</h1>
      <section aria-labelledby="exams-heading" className={sectionClass}>
        <h2 id="exams-heading" className="text-lg font-semibold">
          Exams
        </h2>
        {exams.length > 0 ? (
          <>
            <p className="text-sm text-zinc-700">Open an exam to enter or correct its marks.</p>
            <ExamsTable exams={exams} />
          </>
        ) : (
          <p className="text-sm text-zinc-700">There are no exams yet. Create the first one below.</p>
        )}
      </section>
      <section className={sectionClass}>
        {courses.length > 0 ? (
          <ExamForm courses={courses} today={schoolToday()} />
        ) : (
          <p className="text-sm text-zinc-700">Exams belong to a course, and there are no courses yet.</p>
        )}
      </section>
      <section aria-labelledby="subjects-heading" className={sectionClass}>
        <h2 id="subjects-heading" className="text-lg font-semibold">
          Subjects
        </h2>
        {subjects.length > 0 ? (
          <SubjectsTable subjects={subjects} />
        ) : (
          <p className="text-sm text-zinc-700">
            No course has subjects yet. Results are entered per subject, so add at least one below.
          </p>
        )}
        {courses.length > 0 ? <SubjectForm courses={courses} /> : null}
      </section>
    </>
  );
}
