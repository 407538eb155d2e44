import { asc, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { courses, enrolments, subjects } from "@/db/schema";

export type CourseSubject = { id: number; name: string; teacherName: string | null };

export type StudentCourse = {
  id: number;
  code: string;
  name: string;
  batch: string | null;
  startDate: string | null;
  subjects: CourseSubject[];
};

/**
 * Returns the courses a student is enrolled in, by name, each with its batch
 * and its subjects and teachers, in one query. It does not check the access
 * rule, so callers check it first.
 */
export async function getCoursesByStudent(
  { studentId }: { studentId: number },
  db: Executor = getDb(),
): Promise<StudentCourse[]> {
  const rows = await db
    .select({
      id: courses.id,
      code: courses.code,
      name: courses.name,
      batch: enrolments.batch,
      startDate: enrolments.startDate,
      subjectId: subjects.id,
      subjectName: subjects.name,
      teacherName: subjects.teacherName,
    })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .leftJoin(subjects, eq(subjects.courseId, courses.id))
    .where(eq(enrolments.studentId, studentId))
    .orderBy(asc(courses.name), asc(courses.id), asc(subjects.name));

  const byCourse = new Map<number, StudentCourse>();
  for (const row of rows) {
    let course = byCourse.get(row.id);
    if (!course) {
      course = {
        id: row.id,
        code: row.code,
        name: row.name,
        batch: row.batch,
        startDate: row.startDate,
        subjects: [],
      };
      byCourse.set(row.id, course);
    }
    if (row.subjectId !== null && row.subjectName !== null) {
      course.subjects.push({ id: row.subjectId, name: row.subjectName, teacherName: row.teacherName });
    }
  }
  return [...byCourse.values()];
}
