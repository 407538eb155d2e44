import { and, asc, count, desc, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { courses, enrolments, exams, results, students, subjects } from "@/db/schema";

export type CourseOption = { id: number; code: string; name: string };

/** Returns every course, sorted by name, for pickers. */
export function getCourseOptions(db: Executor = getDb()): Promise<CourseOption[]> {
  return db
    .select({ id: courses.id, code: courses.code, name: courses.name })
    .from(courses)
    .orderBy(asc(courses.name), asc(courses.id));
}

export type SubjectRow = {
  id: number;
  courseId: number;
  courseName: string;
  name: string;
  teacherName: string | null;
};

/** Returns every subject with its course, sorted by course and subject name. */
export function getSubjects(db: Executor = getDb()): Promise<SubjectRow[]> {
  return db
    .select({
      id: subjects.id,
      courseId: subjects.courseId,
      courseName: courses.name,
      name: subjects.name,
      teacherName: subjects.teacherName,
    })
    .from(subjects)
    .innerJoin(courses, eq(courses.id, subjects.courseId))
    .orderBy(asc(courses.name), asc(subjects.name));
}

export type ExamSummary = {
  id: number;
  name: string;
  date: string;
  term: string;
  courseId: number;
  courseName: string;
  resultCount: number;
};

/** Returns every exam with its course and how many results it has, newest first. One query. */
export function getExams(db: Executor = getDb()): Promise<ExamSummary[]> {
  return db
    .select({
      id: exams.id,
      name: exams.name,
      date: exams.date,
      term: exams.term,
      courseId: exams.courseId,
      courseName: courses.name,
      resultCount: count(results.id),
    })
    .from(exams)
    .innerJoin(courses, eq(courses.id, exams.courseId))
    .leftJoin(results, eq(results.examId, exams.id))
    .groupBy(exams.id)
    .orderBy(desc(exams.date), desc(exams.id));
}

export type ResultSheet = {
  exam: { id: number; name: string; date: string; term: string; courseId: number; courseName: string };
  students: { id: number; name: string }[];
  subjects: { id: number; name: string; teacherName: string | null }[];
  /** Saved marks keyed by resultKey(studentId, subjectId). */
  marks: Map<string, { marks: number; maxMarks: number }>;
};

/** Returns the key of one cell of a result sheet. */
export function resultKey(studentId: number, subjectId: number): string {
  return `${studentId}-${subjectId}`;
}

/**
 * Loads what the results screen of one exam shows: the students enrolled in
 * the exam's course, the course's subjects and the saved marks. Four queries
 * however many students and subjects there are; null when the exam does not exist.
 */
export async function getResultSheet(
  { examId }: { examId: number },
  db: Executor = getDb(),
): Promise<ResultSheet | null> {
  const [exam] = await db
    .select({
      id: exams.id,
      name: exams.name,
      date: exams.date,
      term: exams.term,
      courseId: exams.courseId,
      courseName: courses.name,
    })
    .from(exams)
    .innerJoin(courses, eq(courses.id, exams.courseId))
    .where(eq(exams.id, examId));
  if (!exam) return null;
  const [studentRows, subjectRows, resultRows] = await Promise.all([
    db
      .select({ id: students.id, name: students.name })
      .from(enrolments)
      .innerJoin(students, eq(students.id, enrolments.studentId))
      .where(and(eq(enrolments.courseId, exam.courseId), eq(students.active, true)))
      .orderBy(asc(students.name), asc(students.id)),
    db
      .select({ id: subjects.id, name: subjects.name, teacherName: subjects.teacherName })
      .from(subjects)
      .where(eq(subjects.courseId, exam.courseId))
      .orderBy(asc(subjects.name), asc(subjects.id)),
    db
      .select({
        studentId: results.studentId,
        subjectId: results.subjectId,
        marks: results.marks,
        maxMarks: results.maxMarks,
      })
      .from(results)
      .where(eq(results.examId, examId)),
  ]);
  const marks = new Map(
    resultRows.map((row) => [
      resultKey(row.studentId, row.subjectId),
      { marks: row.marks, maxMarks: row.maxMarks },
    ]),
  );
  return { exam, students: studentRows, subjects: subjectRows, marks };
}

export type StudentResult = {
  examId: number;
  examName: string;
  examDate: string;
  term: string;
  courseId: number;
  courseName: string;
  subjectId: number;
  subjectName: string;
  teacherName: string | null;
  marks: number;
  maxMarks: number;
};

/** Returns one student's results, newest exam first and by subject name within an exam. One query. */
export function getResultsOfStudent(
  { studentId }: { studentId: number },
  db: Executor = getDb(),
): Promise<StudentResult[]> {
  return db
    .select({
      examId: exams.id,
      examName: exams.name,
      examDate: exams.date,
      term: exams.term,
      courseId: courses.id,
      courseName: courses.name,
      subjectId: subjects.id,
      subjectName: subjects.name,
      teacherName: subjects.teacherName,
      marks: results.marks,
      maxMarks: results.maxMarks,
    })
    .from(results)
    .innerJoin(exams, eq(exams.id, results.examId))
    .innerJoin(courses, eq(courses.id, exams.courseId))
    .innerJoin(subjects, eq(subjects.id, results.subjectId))
    .where(eq(results.studentId, studentId))
    .orderBy(desc(exams.date), desc(exams.id), asc(subjects.name));
}
