import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Database } from "@/db/client";
import { findParentsToLink, findStudentsToLink, LINK_CANDIDATE_LIMIT } from "@/lib/link-candidates";
import { createTestDatabase, insertParent, insertStudent, type TestDatabase } from "../support/test-db";

let testDb: TestDatabase;
let db: Database;

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
});

afterEach(async () => {
  await testDb.cleanup();
});

/** Inserts `count` parents named "Parent 01" … in name order. */
async function insertNumberedParents(count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let index = 1; index <= count; index += 1) {
    ids.push(await insertParent(db, { name: `Parent ${String(index).padStart(2, "0")}` }));
  }
  return ids;
}

describe("findParentsToLink", () => {
  test("lists at most the limit", async () => {
    const studentId = await insertStudent(db, { name: "Tom Brown" });
    await insertNumberedParents(LINK_CANDIDATE_LIMIT + 5);

    const result = await findParentsToLink({ studentId, search: "" }, db);

    expect(result.candidates).toHaveLength(LINK_CANDIDATE_LIMIT);
    expect(result.total).toBe(LINK_CANDIDATE_LIMIT + 5);
  });

  test("lists the first by name", async () => {
    const studentId = await insertStudent(db, { name: "Tom Brown" });
    await insertParent(db, { name: "Zoe Young" });
    await insertParent(db, { name: "Anna Adams" });

    const result = await findParentsToLink({ studentId, search: "" }, db);

    expect(result.candidates.map((parent) => parent.name)).toEqual(["Anna Adams", "Zoe Young"]);
  });

  test("excludes linked parents", async () => {
    const studentId = await insertStudent(db, { name: "Tom Brown" });
    await insertParent(db, { name: "Linda Brown" }, [studentId]);
    const otherId = await insertParent(db, { name: "Mark Brown" });

    const result = await findParentsToLink({ studentId, search: "brown" }, db);

    expect(result.candidates.map((parent) => parent.id)).toEqual([otherId]);
    expect(result.total).toBe(1);
  });

  test("keeps parents linked elsewhere", async () => {
    const studentId = await insertStudent(db, { name: "Tom Brown" });
    const otherStudentId = await insertStudent(db, { name: "Amy Green" });
    const parentId = await insertParent(db, { name: "Linda Brown" }, [otherStudentId]);

    const result = await findParentsToLink({ studentId, search: "" }, db);

    expect(result.candidates.map((parent) => parent.id)).toEqual([parentId]);
  });

  test("matches email ignoring ASCII case", async () => {
    const studentId = await insertStudent(db, { name: "Tom Brown" });
    await insertParent(db, { name: "Linda Brown", email: "Linda.Brown@Example.com" });
    await insertParent(db, { name: "Mark Green", contactEmail: "mark@example.org" });

    const byOwnEmail = await findParentsToLink({ studentId, search: "LINDA.BROWN@" }, db);
    const byContactEmail = await findParentsToLink({ studentId, search: "example.org" }, db);

    expect(byOwnEmail.candidates.map((parent) => parent.name)).toEqual(["Linda Brown"]);
    expect(byContactEmail.candidates.map((parent) => parent.name)).toEqual(["Mark Green"]);
  });

  test("shows the parent's own email", async () => {
    const studentId = await insertStudent(db, { name: "Tom Brown" });
    await insertParent(db, { name: "Linda Brown", email: "own@example.com", contactEmail: "contact@example.com" });

    const result = await findParentsToLink({ studentId, search: "" }, db);

    expect(result.candidates[0].email).toBe("own@example.com");
  });

  test("escapes LIKE wildcards", async () => {
    const studentId = await insertStudent(db, { name: "Tom Brown" });
    await insertParent(db, { name: "Anna 100% Adams" });
    await insertParent(db, { name: "Anna 1000 Adams" });
    await insertParent(db, { name: "Bob_Brown" });
    await insertParent(db, { name: "BobXBrown" });
    await insertParent(db, { name: "Back\\slash" });

    const percent = await findParentsToLink({ studentId, search: "100%" }, db);
    const underscore = await findParentsToLink({ studentId, search: "b_b" }, db);
    const backslash = await findParentsToLink({ studentId, search: "k\\s" }, db);

    expect(percent.candidates.map((parent) => parent.name)).toEqual(["Anna 100% Adams"]);
    expect(underscore.candidates.map((parent) => parent.name)).toEqual(["Bob_Brown"]);
    expect(backslash.candidates.map((parent) => parent.name)).toEqual(["Back\\slash"]);
  });

  test("returns zero when nothing matches", async () => {
    const studentId = await insertStudent(db, { name: "Tom Brown" });
    await insertParent(db, { name: "Linda Brown" });

    const result = await findParentsToLink({ studentId, search: "nobody" }, db);

    expect(result.candidates).toEqual([]);
    expect(result.total).toBe(0);
  });
});

describe("findStudentsToLink", () => {
  test("lists at most the limit", async () => {
    const parentId = await insertParent(db, { name: "Linda Brown" });
    for (let index = 1; index <= LINK_CANDIDATE_LIMIT + 3; index += 1) {
      await insertStudent(db, { name: `Student ${String(index).padStart(2, "0")}` });
    }

    const result = await findStudentsToLink({ parentId, search: "student" }, db);

    expect(result.candidates).toHaveLength(LINK_CANDIDATE_LIMIT);
    expect(result.candidates[0].name).toBe("Student 01");
    expect(result.total).toBe(LINK_CANDIDATE_LIMIT + 3);
  });

  test("excludes linked students", async () => {
    const linkedId = await insertStudent(db, { name: "Tom Brown" });
    const otherId = await insertStudent(db, { name: "Lucy Brown" });
    const parentId = await insertParent(db, { name: "Linda Brown" }, [linkedId]);

    const result = await findStudentsToLink({ parentId, search: "" }, db);

    expect(result.candidates.map((student) => student.id)).toEqual([otherId]);
  });

  test("matches email ignoring ASCII case", async () => {
    const parentId = await insertParent(db, { name: "Linda Brown" });
    await insertStudent(db, { name: "Tom Brown", email: "tom.brown@example.com" });
    await insertStudent(db, { name: "Amy Green" });

    const result = await findStudentsToLink({ parentId, search: "TOM.BROWN" }, db);

    expect(result.candidates).toEqual([
      { id: expect.any(Number), name: "Tom Brown", email: "tom.brown@example.com" },
    ]);
  });

  test("escapes LIKE wildcards", async () => {
    const parentId = await insertParent(db, { name: "Linda Brown" });
    await insertStudent(db, { name: "Tom_Brown" });
    await insertStudent(db, { name: "TomXBrown" });

    const result = await findStudentsToLink({ parentId, search: "m_b" }, db);

    expect(result.candidates.map((student) => student.name)).toEqual(["Tom_Brown"]);
  });
});
