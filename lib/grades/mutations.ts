import { and, eq, inArray, sql } from "drizzle-orm";
import { writeTransaction, type Database } from "@/db/client";
import { courses, enrolments, exams, results, students, subjects } from "@/db/schema";
import { raiseStudentNotifications, type StudentEvent } from "@/lib/notifications/raise";
import { isUniqueViolation } from "@/lib/sqlite-errors";
import { resultKey } from "./queries";

export type ExamFields = { courseId: number; name: string; date: string; term: string };

/** Creates an exam for a course. Returns its id, or null when the course does not exist. */
export async function createExam(db: Database, fields: ExamFields): Promise<number | null> {
  return writeTransaction(db, async (tx) => {
    const course = await tx.query.courses.findFirst({ where: eq(courses.id, fields.courseId) });
    if (!course) return null;
    const [row] = await tx.insert(exams).values(fields).returning({ id: exams.id });
    return row.id;
  });
}

export type SubjectFields = { courseId: number; name: string; teacherName: string | null };

/** Adds a subject to a course; a course cannot have two subjects of the same name. */
export async function createSubject(
  db: Database,
  fields: SubjectFields,
): Promise<"created" | "course_not_found" | "duplicate"> {
  try {
    return await writeTransaction(db, async (tx) => {
      const course = await tx.query.courses.findFirst({ where: eq(courses.id, fields.courseId) });
      if (!course) return "course_not_found" as const;
      await tx.insert(subjects).values(fields);
      return "created" as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
}

/** A saved result as the results screen showed it; null when the cell was empty. */
export type LoadedResult = { marks: number; maxMarks: number } | null;

/**
 * One cell of the results screen: `marks` null means the cell was left
 * empty, and `loaded` is the result the cell showed when the screen opened.
 */
export type MarksEntry = { studentId: number; subjectId: number; marks: number | null; loaded: LoadedResult };

export type SaveResultsResult =
  | { status: "saved"; saved: number; removed: number; notifiedStudents: number }
  | { status: "exam_not_found" }
  /** A subject on the form belongs to another course's exams: the posted exam is not the sheet's. */
  | { status: "wrong_exam" }
  /** The course's students or subjects changed since the screen opened. */
  | { status: "roster_changed" }
  /** Someone else saved or removed a result of a cell on the form since the screen opened. */
  | { status: "sheet_changed" };

/** Refers to a column of the row an upsert tried to insert. */
function excluded(column: string) {
  return sql.raw(`excluded."${column}"`);
}

type ChangedResult = { subjectName: string; marks: number };

/** Formats the notification body, e.g. "Mid-term (Mathematics 7): Algebra 45/50, Geometry 38/50". */
function describeChangedResults(
  examName: string,
  courseName: string,
  changed: ChangedResult[],
  maxMarks: number,
): string {
  const parts = changed.map((result) => `${result.subjectName} ${result.marks}/${maxMarks}`);
  return `${examName} (${courseName}): ${parts.join(", ")}`;
}

/**
 * Saves the marks of one exam in one transaction: it inserts or updates each
 * filled cell (one row per exam, student and subject), deletes the saved
 * result of each emptied cell, and raises one "result" notification per
 * student with a new or changed result. Only cells on the form are touched.
 * Nothing is saved in three cases. A subject may belong to another course
 * ("wrong_exam"). A student may be archived or no longer enrolled, or a subject may be
 * gone ("roster_changed"). A cell's stored result may differ from the one
 * the screen loaded ("sheet_changed"). Marks must already be integers from 0 to `maxMarks`.
 */
export async function saveResults(
  db: Database,
  input: { examId: number; maxMarks: number; entries: MarksEntry[] },
  now = new Date(),
): Promise<SaveResultsResult> {
  for (const entry of input.entries) {
    if (entry.marks !== null && !(Number.isInteger(entry.marks) && entry.marks >= 0 && entry.marks <= input.maxMarks)) {
      throw new RangeError(`marks ${entry.marks} for student ${entry.studentId} are outside 0..${input.maxMarks}`);
    }
  }
  return writeTransaction(db, async (tx) => {
    const [exam] = await tx
      .select({ id: exams.id, name: exams.name, courseId: exams.courseId, courseName: courses.name })
      .from(exams)
      .innerJoin(courses, eq(courses.id, exams.courseId))
      .where(eq(exams.id, input.examId));
    if (!exam) return { status: "exam_not_found" };

    // Awaited one by one, because these statements share the transaction connection.
    const enrolled = await tx
      .select({ id: students.id, name: students.name })
      .from(enrolments)
      .innerJoin(students, eq(students.id, enrolments.studentId))
      .where(and(eq(enrolments.courseId, exam.courseId), eq(students.active, true)));
    const subjectRows = await tx
      .select({ id: subjects.id, name: subjects.name })
      .from(subjects)
      .where(eq(subjects.courseId, exam.courseId));
    const saved = await tx
      .select({
        id: results.id,
        studentId: results.studentId,
        subjectId: results.subjectId,
        marks: results.marks,
        maxMarks: results.maxMarks,
      })
      .from(results)
      .where(eq(results.examId, exam.id));
    const studentNames = new Map(enrolled.map((row) => [row.id, row.name]));
    const subjectNames = new Map(subjectRows.map((row) => [row.id, row.name]));
    const savedByKey = new Map(saved.map((row) => [resultKey(row.studentId, row.subjectId), row]));
    const unknownSubjects = [...new Set(input.entries.map((entry) => entry.subjectId))].filter(
      (subjectId) => !subjectNames.has(subjectId),
    );
    if (unknownSubjects.length > 0) {
      const elsewhere = await tx
        .select({ id: subjects.id })
        .from(subjects)
        .where(inArray(subjects.id, unknownSubjects));
      return { status: elsewhere.length > 0 ? "wrong_exam" : "roster_changed" };
    }
    if (!input.entries.every((entry) => studentNames.has(entry.studentId))) return { status: "roster_changed" };
    const unchanged = input.entries.every((entry) => {
      const stored = savedByKey.get(resultKey(entry.studentId, entry.subjectId));
      if (!stored || !entry.loaded) return !stored && !entry.loaded;
      return stored.marks === entry.loaded.marks && stored.maxMarks === entry.loaded.maxMarks;
    });
    if (!unchanged) return { status: "sheet_changed" };

    const upserts: (typeof results.$inferInsert)[] = [];
    const removedIds: number[] = [];
    const changedByStudent = new Map<number, ChangedResult[]>();
    for (const entry of input.entries) {
      const previous = savedByKey.get(resultKey(entry.studentId, entry.subjectId));
      if (entry.marks === null) {
        if (previous) removedIds.push(previous.id);
        continue;
      }
      if (previous && previous.marks === entry.marks && previous.maxMarks === input.maxMarks) continue;
      upserts.push({
        examId: exam.id,
        studentId: entry.studentId,
        subjectId: entry.subjectId,
        marks: entry.marks,
        maxMarks: input.maxMarks,
        recordedAt: now,
      });
      const changed = changedByStudent.get(entry.studentId) ?? [];
      changed.push({ subjectName: subjectNames.get(entry.subjectId)!, marks: entry.marks });
      changedByStudent.set(entry.studentId, changed);
    }

    if (upserts.length > 0) {
      await tx
        .insert(results)
        .values(upserts)
        .onConflictDoUpdate({
          target: [results.examId, results.studentId, results.subjectId],
          set: {
            marks: excluded(results.marks.name),
            maxMarks: excluded(results.maxMarks.name),
            recordedAt: excluded(results.recordedAt.name),
          },
        });
    }
    if (removedIds.length > 0) {
      await tx.delete(results).where(and(eq(results.examId, exam.id), inArray(results.id, removedIds)));
    }

    const events: StudentEvent[] = [...changedByStudent].map(([studentId, changed]) => ({
      studentId,
      kind: "result",
      title: `New results for ${studentNames.get(studentId)}`,
      body: describeChangedResults(
        exam.name,
        exam.courseName,
        changed.sort((a, b) => a.subjectName.localeCompare(b.subjectName)),
        input.maxMarks,
      ),
      link: `/portal/students/${studentId}/grades`,
    }));
    await raiseStudentNotifications(tx, events, now);
    return {
      status: "saved",
      saved: upserts.length,
      removed: removedIds.length,
      notifiedStudents: events.length,
    };
  });
}
