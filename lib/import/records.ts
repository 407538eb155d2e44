import { eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { contacts, parentStudents, parents, students, users, type Relationship } from "@/db/schema";

// The existing records an import file refers to, loaded with a fixed number
// of queries per chunk of ids, however many rows the file has.

export type ExistingStudent = {
  id: number;
  externalId: string | null;
  name: string;
  email: string | null;
  birthDate: string | null;
  userId: number | null;
};

export type ExistingLink = { studentId: number; relationship: Relationship };

export type ExistingParent = {
  id: number;
  contactId: number;
  externalId: string;
  name: string;
  email: string | null;
  phone: string | null;
  userId: number | null;
  links: ExistingLink[];
};

export type ExistingAccount = {
  id: number;
  name: string;
  kind: "parent" | "student" | "staff" | "portal";
};

export type ExistingRecords = {
  studentsByExternalId: Map<string, ExistingStudent>;
  studentsById: Map<number, ExistingStudent>;
  parentsByExternalId: Map<string, ExistingParent>;
  accountsByLogin: Map<string, ExistingAccount>;
};

// Keeps each IN (...) list well under SQLite's limit on bound parameters.
const CHUNK_SIZE = 500;

async function inChunks<T, R>(values: T[], load: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const unique = [...new Set(values)];
  const results: R[] = [];
  for (let start = 0; start < unique.length; start += CHUNK_SIZE) {
    results.push(...(await load(unique.slice(start, start + CHUNK_SIZE))));
  }
  return results;
}

const studentColumns = {
  id: students.id,
  externalId: students.externalId,
  name: students.name,
  email: students.email,
  birthDate: students.birthDate,
  userId: students.userId,
};

/**
 * Loads the students and parents with the given external ids, the students
 * linked to those parents, and the accounts that use the given logins.
 */
export async function loadExistingRecords(
  db: Executor,
  request: { studentExternalIds: string[]; parentExternalIds: string[]; logins: string[] },
): Promise<ExistingRecords> {
  const studentRows = await inChunks(request.studentExternalIds, (chunk) =>
    db.select(studentColumns).from(students).where(inArray(students.externalId, chunk)),
  );
  const parentRows = await inChunks(request.parentExternalIds, (chunk) =>
    db
      .select({
        id: parents.id,
        contactId: parents.contactId,
        externalId: parents.externalId,
        name: contacts.name,
        email: parents.email,
        phone: contacts.phone,
        userId: parents.userId,
      })
      .from(parents)
      .innerJoin(contacts, eq(contacts.id, parents.contactId))
      .where(inArray(parents.externalId, chunk)),
  );
  const linkRows = await inChunks(
    parentRows.map((parent) => parent.id),
    (chunk) =>
      db
        .select({
          parentId: parentStudents.parentId,
          relationship: parentStudents.relationship,
          ...studentColumns,
        })
        .from(parentStudents)
        .innerJoin(students, eq(students.id, parentStudents.studentId))
        .where(inArray(parentStudents.parentId, chunk)),
  );
  const accountRows = await inChunks(request.logins, (chunk) =>
    db
      .select({
        id: users.id,
        login: users.login,
        name: users.name,
        role: users.role,
        isParent: users.isParent,
        studentId: students.id,
      })
      .from(users)
      .leftJoin(students, eq(students.userId, users.id))
      .where(inArray(users.login, chunk)),
  );

  const studentsById = new Map<number, ExistingStudent>();
  for (const row of [...studentRows, ...linkRows]) {
    const { id, externalId, name, email, birthDate, userId } = row;
    studentsById.set(id, { id, externalId, name, email, birthDate, userId });
  }
  const studentsByExternalId = new Map<string, ExistingStudent>();
  for (const student of studentsById.values()) {
    if (student.externalId !== null) studentsByExternalId.set(student.externalId, student);
  }

  const linksByParent = new Map<number, ExistingLink[]>();
  for (const link of linkRows) {
    const list = linksByParent.get(link.parentId) ?? [];
    list.push({ studentId: link.id, relationship: link.relationship });
    linksByParent.set(link.parentId, list);
  }
  const parentsByExternalId = new Map<string, ExistingParent>();
  for (const parent of parentRows) {
    parentsByExternalId.set(parent.externalId!, {
      ...parent,
      externalId: parent.externalId!,
      links: linksByParent.get(parent.id) ?? [],
    });
  }

  const accountsByLogin = new Map<string, ExistingAccount>();
  for (const account of accountRows) {
    let kind: ExistingAccount["kind"] = "portal";
    if (account.role === "manager") kind = "staff";
    else if (account.isParent) kind = "parent";
    else if (account.studentId !== null) kind = "student";
    accountsByLogin.set(account.login, { id: account.id, name: account.name, kind });
  }
  return { studentsByExternalId, studentsById, parentsByExternalId, accountsByLogin };
}
