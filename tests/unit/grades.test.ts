import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import { writeTransaction, type Database } from "@/db/client";
import { courses, enrolments } from "@/db/schema";
import { createExam, createSubject, saveResults, type MarksEntry } from "@/lib/grades/mutations";
import { getResultSheet, getResultsOfStudent } from "@/lib/grades/queries";
import { setStudentsActive } from "@/lib/students/mutations";
import { buildCourseCharts, gradeResult, parseMarks, percentOf } from "@/lib/grades/rules";
import { readNotifications, seedSchool, type DemoSchool } from "../support/grades-fees-fixtures";
import { countRows, createTestDatabase, type TestDatabase } from "../support/test-db";

describe("gradeResult", () => {
  const cases = [
    { marks: 100, max: 100, grade: "A", passed: true },
    { marks: 80, max: 100, grade: "A", passed: true },
    { marks: 799, max: 1000, grade: "B", passed: true },
    { marks: 70, max: 100, grade: "B", passed: true },
    { marks: 69, max: 100, grade: "C", passed: true },
    { marks: 60, max: 100, grade: "C", passed: true },
    { marks: 50, max: 100, grade: "D", passed: true },
    { marks: 40, max: 100, grade: "E", passed: true },
    { marks: 39, max: 100, grade: "F", passed: false },
    { marks: 0, max: 100, grade: "F", passed: false },
    { marks: 20, max: 50, grade: "E", passed: true },
  ];
  for (const { marks, max, grade, passed } of cases) {
    test(`${marks}/${max} is ${grade}`, () => {
      const result = gradeResult(marks, max);
      expect(result.grade).toBe(grade);
      expect(result.passed).toBe(passed);
    });
  }

  test("pass mark is 40 percent", () => {
    expect(gradeResult(399, 1000).passed).toBe(false);
    expect(gradeResult(400, 1000).passed).toBe(true);
  });

  test("39.95 percent fails", () => {
    expect(gradeResult(161, 403).passed).toBe(false);
  });

  test("39.95 percent is F", () => {
    expect(gradeResult(161, 403).grade).toBe("F");
  });

  test("39.95 percent shows as 40", () => {
    expect(percentOf(161, 403)).toBe(40);
  });

  test("79.96 percent is B", () => {
    expect(gradeResult(399, 499).grade).toBe("B");
  });

  test("percent rounds to one decimal", () => {
    expect(percentOf(2, 3)).toBe(66.7);
  });
});

describe("parseMarks", () => {
  test("empty cell is no result", () => {
    expect(parseMarks("  ", 100, "Marks")).toEqual({ ok: true, marks: null });
  });

  test("zero and maximum are accepted", () => {
    expect(parseMarks("0", 100, "Marks")).toEqual({ ok: true, marks: 0 });
    expect(parseMarks("100", 100, "Marks")).toEqual({ ok: true, marks: 100 });
  });

  for (const text of ["101", "-1", "1.5", "ten", "1e2"]) {
    test(`rejects "${text}"`, () => {
      const result = parseMarks(text, 100, "Marks");
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message).toMatch(/^Marks .*0 to 100/);
    });
  }
});

describe("buildCourseCharts", () => {
  const row = (courseId: number, examId: number, examDate: string, subjectId: number, marks: number) => ({
    examId,
    examName: `Exam ${examId}`,
    examDate,
    courseId,
    courseName: courseId === 1 ? "Mathematics 7" : "Biology 7",
    subjectId,
    subjectName: `Subject ${subjectId}`,
    marks,
    maxMarks: 50,
  });

  test("orders exams oldest first", () => {
    const [chart] = buildCourseCharts([row(1, 2, "2026-12-01", 1, 40), row(1, 1, "2026-10-01", 1, 30)]);
    expect(chart.exams.map((exam) => exam.id)).toEqual([1, 2]);
  });

  test("missing result is null", () => {
    const [chart] = buildCourseCharts([
      row(1, 1, "2026-10-01", 1, 30),
      row(1, 2, "2026-12-01", 1, 40),
      row(1, 2, "2026-12-01", 2, 25),
    ]);
    expect(chart.series).toEqual([
      { name: "Subject 1", values: [60, 80] },
      { name: "Subject 2", values: [null, 50] },
    ]);
  });

  const twoCourses = [
    row(1, 1, "2026-10-15", 1, 30),
    row(2, 2, "2026-10-16", 3, 20),
    row(1, 3, "2026-12-01", 1, 40),
    row(2, 4, "2026-12-02", 3, 45),
  ];

  test("one chart per course", () => {
    expect(buildCourseCharts(twoCourses).map((chart) => chart.courseName)).toEqual(["Biology 7", "Mathematics 7"]);
  });

  test("chart has only its course's exams", () => {
    const maths = buildCourseCharts(twoCourses).find((chart) => chart.courseId === 1);
    expect(maths?.exams.map((exam) => exam.id)).toEqual([1, 3]);
  });

  test("other course leaves no gaps", () => {
    const maths = buildCourseCharts(twoCourses).find((chart) => chart.courseId === 1);
    expect(maths?.series).toEqual([{ name: "Subject 1", values: [60, 80] }]);
  });
});

describe("saveResults", () => {
  let testDb: TestDatabase;
  let db: Database;
  let school: DemoSchool;
  let examId: number;
  let algebra: number;
  let geometry: number;
  const now = new Date("2026-11-20T10:00:00Z");

  async function subjectId(name: string): Promise<number> {
    const result = await db.run(sql`SELECT id FROM subjects WHERE name = ${name}`);
    return Number(result.rows[0].id);
  }

  /** Builds entries as a results screen opened now would post them, with each cell's stored result. */
  async function opened(cells: { studentId: number; subjectId: number; marks: number | null }[], exam = examId) {
    const sheet = await getResultSheet({ examId: exam }, db);
    return cells.map((cell): MarksEntry => ({ ...cell, loaded: sheet?.marks.get(`${cell.studentId}-${cell.subjectId}`) ?? null }));
  }

  function tomMarks(algebraMarks: number | null, geometryMarks: number | null) {
    return opened([
      { studentId: school.tom, subjectId: algebra, marks: algebraMarks },
      { studentId: school.tom, subjectId: geometry, marks: geometryMarks },
    ]);
  }

  beforeEach(async () => {
    testDb = await createTestDatabase();
    db = testDb.db;
    school = await seedSchool(db);
    expect(await createSubject(db, { courseId: school.math, name: "Algebra", teacherName: "Ms Patel" })).toBe("created");
    expect(await createSubject(db, { courseId: school.math, name: "Geometry", teacherName: "Mr Okafor" })).toBe("created");
    algebra = await subjectId("Algebra");
    geometry = await subjectId("Geometry");
    const created = await createExam(db, { courseId: school.math, name: "Mid-term", date: "2026-11-18", term: "Autumn 2026" });
    if (created === null) throw new Error("createExam returned null");
    examId = created;
  });

  afterEach(async () => {
    await testDb.cleanup();
  });

  test("duplicate subject is rejected", async () => {
    expect(await createSubject(db, { courseId: school.math, name: "Algebra", teacherName: null })).toBe("duplicate");
  });

  test("sheet lists enrolled students", async () => {
    const sheet = await getResultSheet({ examId }, db);
    expect(sheet?.students.map((student) => student.name)).toEqual(["John Smith", "Tom Brown"]);
    expect(sheet?.subjects.map((subject) => subject.name)).toEqual(["Algebra", "Geometry"]);
  });

  test("first save inserts results", async () => {
    const result = await saveResults(db, { examId, maxMarks: 50, entries: await tomMarks(45, 38) }, now);
    expect(result).toEqual({ status: "saved", saved: 2, removed: 0, notifiedStudents: 1 });
    const rows = await getResultsOfStudent({ studentId: school.tom }, db);
    expect(rows.map((row) => [row.subjectName, row.marks, row.maxMarks])).toEqual([
      ["Algebra", 45, 50],
      ["Geometry", 38, 50],
    ]);
  });

  test("one notification per student per save", async () => {
    await saveResults(db, { examId, maxMarks: 50, entries: await tomMarks(45, 38) }, now);
    const notifications = await readNotifications(db);
    expect(notifications.map((n) => n.userId).sort()).toEqual([school.tomUser, school.lindaUser].sort());
    expect(notifications[0]).toMatchObject({
      studentId: school.tom,
      kind: "result",
      title: "New results for Tom Brown",
      body: "Mid-term (Mathematics 7): Algebra 45/50, Geometry 38/50",
      link: `/portal/students/${school.tom}/grades`,
    });
  });

  test("unchanged save notifies nobody", async () => {
    await saveResults(db, { examId, maxMarks: 50, entries: await tomMarks(45, 38) }, now);
    const again = await saveResults(db, { examId, maxMarks: 50, entries: await tomMarks(45, 38) }, now);
    expect(again).toEqual({ status: "saved", saved: 0, removed: 0, notifiedStudents: 0 });
    expect(await countRows(db, "notifications")).toBe(2);
  });

  test("changed mark updates in place", async () => {
    await saveResults(db, { examId, maxMarks: 50, entries: await tomMarks(45, 38) }, now);
    const changed = await saveResults(db, { examId, maxMarks: 50, entries: await tomMarks(45, 41) }, now);
    expect(changed).toEqual({ status: "saved", saved: 1, removed: 0, notifiedStudents: 1 });
    expect(await countRows(db, "results")).toBe(2);
    const rows = await getResultsOfStudent({ studentId: school.tom }, db);
    expect(rows.find((row) => row.subjectName === "Geometry")?.marks).toBe(41);
    const bodies = (await readNotifications(db)).map((n) => n.body);
    expect(bodies.at(-1)).toBe("Mid-term (Mathematics 7): Geometry 41/50");
  });

  test("new maximum changes every result", async () => {
    await saveResults(db, { examId, maxMarks: 50, entries: await tomMarks(45, 38) }, now);
    const changed = await saveResults(db, { examId, maxMarks: 60, entries: await tomMarks(45, 38) }, now);
    expect(changed).toMatchObject({ saved: 2, notifiedStudents: 1 });
  });

  test("emptied cell removes result", async () => {
    await saveResults(db, { examId, maxMarks: 50, entries: await tomMarks(45, 38) }, now);
    const result = await saveResults(db, { examId, maxMarks: 50, entries: await tomMarks(45, null) }, now);
    expect(result).toEqual({ status: "saved", saved: 0, removed: 1, notifiedStudents: 0 });
    expect(await countRows(db, "results")).toBe(1);
  });

  test("each student notified separately", async () => {
    const entries = await opened([
      ...(await tomMarks(45, 38)),
      { studentId: school.john, subjectId: algebra, marks: 20 },
    ]);
    const result = await saveResults(db, { examId, maxMarks: 50, entries }, now);
    expect(result).toMatchObject({ notifiedStudents: 2 });
    const johns = (await readNotifications(db)).filter((n) => n.studentId === school.john);
    expect(johns.map((n) => n.userId)).toEqual([school.johnUser]);
  });

  test("student not enrolled changes nothing", async () => {
    const entries = await opened([
      ...(await tomMarks(45, 38)),
      { studentId: school.amy, subjectId: algebra, marks: 20 },
    ]);
    const result = await saveResults(db, { examId, maxMarks: 50, entries }, now);
    expect(result).toEqual({ status: "roster_changed" });
    expect(await countRows(db, "results")).toBe(0);
    expect(await countRows(db, "notifications")).toBe(0);
  });

  test("archived student changes nothing", async () => {
    const entries = await opened(await tomMarks(45, 38));
    await setStudentsActive(db, [school.tom], false);
    const result = await saveResults(db, { examId, maxMarks: 50, entries }, now);
    expect(result).toEqual({ status: "roster_changed" });
    expect(await countRows(db, "results")).toBe(0);
  });

  describe("stale screen", () => {
    // Tab A opens the empty sheet; tab B then saves Tom's two marks.
    let staleTab: MarksEntry[];

    beforeEach(async () => {
      staleTab = await opened([
        { studentId: school.tom, subjectId: algebra, marks: null },
        { studentId: school.tom, subjectId: geometry, marks: null },
        { studentId: school.john, subjectId: algebra, marks: 30 },
      ]);
      await saveResults(db, { examId, maxMarks: 50, entries: await tomMarks(45, 38) }, now);
    });

    test("save is refused", async () => {
      const result = await saveResults(db, { examId, maxMarks: 50, entries: staleTab }, now);
      expect(result).toEqual({ status: "sheet_changed" });
    });

    test("other tab's marks stay", async () => {
      await saveResults(db, { examId, maxMarks: 50, entries: staleTab }, now);
      const rows = await getResultsOfStudent({ studentId: school.tom }, db);
      expect(rows.map((row) => row.marks)).toEqual([45, 38]);
    });

    test("stale tab's mark is not saved", async () => {
      await saveResults(db, { examId, maxMarks: 50, entries: staleTab }, now);
      expect(await getResultsOfStudent({ studentId: school.john }, db)).toEqual([]);
    });

    test("nobody is notified", async () => {
      await saveResults(db, { examId, maxMarks: 50, entries: staleTab }, now);
      expect(await countRows(db, "notifications")).toBe(2);
    });
  });

  test("cells not on the form stay", async () => {
    await saveResults(db, { examId, maxMarks: 50, entries: await opened([{ studentId: school.john, subjectId: algebra, marks: 20 }]) }, now);
    await saveResults(db, { examId, maxMarks: 50, entries: await tomMarks(null, null) }, now);
    expect((await getResultsOfStudent({ studentId: school.john }, db)).map((row) => row.marks)).toEqual([20]);
  });

  test("forged exam of the same course keeps its results", async () => {
    const other = await createExam(db, { courseId: school.math, name: "Final", date: "2026-12-10", term: "Autumn 2026" });
    if (other === null) throw new Error("createExam returned null");
    await saveResults(db, { examId: other, maxMarks: 50, entries: await opened([{ studentId: school.tom, subjectId: algebra, marks: 40 }], other) }, now);
    const screen = await tomMarks(null, null);
    const result = await saveResults(db, { examId: other, maxMarks: 50, entries: screen }, now);
    expect(result).toEqual({ status: "sheet_changed" });
    expect(await countRows(db, "results")).toBe(1);
  });

  test("forged exam of another course is refused", async () => {
    const biology = await writeTransaction(db, async (tx) => {
      const [course] = await tx.insert(courses).values({ code: "BIO-7", name: "Biology 7" }).returning({ id: courses.id });
      await tx.insert(enrolments).values({ studentId: school.tom, courseId: course.id });
      return course.id;
    });
    const other = await createExam(db, { courseId: biology, name: "Quiz", date: "2026-12-10", term: "Autumn 2026" });
    if (other === null) throw new Error("createExam returned null");
    const result = await saveResults(db, { examId: other, maxMarks: 50, entries: await tomMarks(null, null) }, now);
    expect(result).toEqual({ status: "wrong_exam" });
  });

  test("marks above maximum throw", async () => {
    await expect(saveResults(db, { examId, maxMarks: 50, entries: await tomMarks(51, 38) }, now)).rejects.toThrow(RangeError);
    expect(await countRows(db, "results")).toBe(0);
  });

  test("missing exam is reported", async () => {
    const result = await saveResults(db, { examId: examId + 100, maxMarks: 50, entries: [] }, now);
    expect(result).toEqual({ status: "exam_not_found" });
  });
});
