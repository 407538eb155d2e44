import { writeTransaction, type Database } from "@/db/client";
import { courses, enrolments } from "@/db/schema";

/** Inserts a course and enrols the given students in it; returns the course id. */
export async function insertCourseWithStudents(
  db: Database,
  course: { code: string; name: string },
  studentIds: number[],
): Promise<number> {
  return writeTransaction(db, async (tx) => {
    const [row] = await tx.insert(courses).values(course).returning({ id: courses.id });
    if (studentIds.length > 0) {
      await tx
        .insert(enrolments)
        .values(studentIds.map((studentId) => ({ studentId, courseId: row.id, startDate: "2026-09-01" })));
    }
    return row.id;
  });
}
