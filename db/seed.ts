import { count } from "drizzle-orm";
import { writeTransaction, type Database } from "./client";
import {
  contacts,
  courses,
  enrolments,
  parentStudents,
  parents,
  students,
  users,
} from "./schema";
import { hashPassword } from "@/lib/auth/password";
import { syncChildIds } from "@/lib/access/child-sync";

export const DEFAULT_DEMO_PASSWORD = "portal-demo-2026";

export type DemoLogin = { role: string; login: string; note: string };

/**
 * Fills an empty database with the demo school: Robert Smith (no portal user
 * yet) with John and Jane, who have portal users; the Brown family, whose
 * parent already has one; a parent without an email; a manager; three courses.
 * Returns the logins to print. Does nothing and returns null if the database
 * already has users.
 */
export async function seedDemoSchool(
  db: Database,
  password: string,
): Promise<DemoLogin[] | null> {
  const [{ value: userCount }] = await db.select({ value: count() }).from(users);
  if (userCount > 0) return null;
  const passwordHash = await hashPassword(password);

  return writeTransaction(db, async (tx) => {
    const insertUser = async (login: string, name: string, extra: Partial<typeof users.$inferInsert> = {}) => {
      const [row] = await tx
        .insert(users)
        .values({ login, name, passwordHash, role: "portal", ...extra })
        .returning({ id: users.id });
      return row.id;
    };
    const insertParent = async (name: string, email: string | null, phone: string, userId: number | null = null) => {
      const [contact] = await tx.insert(contacts).values({ name, email, phone }).returning({ id: contacts.id });
      const [parent] = await tx
        .insert(parents)
        .values({ contactId: contact.id, email, userId })
        .returning({ id: parents.id });
      return parent.id;
    };
    const insertStudent = async (name: string, email: string | null, birthDate: string, userId: number | null) => {
      const [row] = await tx.insert(students).values({ name, email, birthDate, userId }).returning({ id: students.id });
      return row.id;
    };

    await insertUser("manager@example.com", "Morgan Lee", { role: "manager" });

    const johnUser = await insertUser("john.smith@example.com", "John Smith");
    const janeUser = await insertUser("jane.smith@example.com", "Jane Smith");
    const tomUser = await insertUser("tom.brown@example.com", "Tom Brown");
    const lindaUser = await insertUser("linda.brown@example.com", "Linda Brown", { isParent: true });

    const john = await insertStudent("John Smith", "john.smith@example.com", "2011-03-14", johnUser);
    const jane = await insertStudent("Jane Smith", "jane.smith@example.com", "2013-09-02", janeUser);
    const tom = await insertStudent("Tom Brown", "tom.brown@example.com", "2012-06-21", tomUser);
    const amy = await insertStudent("Amy Jones", "amy.jones@example.com", "2014-01-30", null);

    const robert = await insertParent("Robert Smith", "robert.smith@example.com", "+1 555 0100");
    const linda = await insertParent("Linda Brown", "linda.brown@example.com", "+1 555 0142", lindaUser);
    const peter = await insertParent("Peter Jones", null, "+1 555 0199");

    await tx.insert(parentStudents).values([
      { parentId: robert, studentId: john, relationship: "father" },
      { parentId: robert, studentId: jane, relationship: "father" },
      { parentId: linda, studentId: tom, relationship: "mother" },
      { parentId: peter, studentId: amy, relationship: "father" },
    ]);

    const courseIds = await tx
      .insert(courses)
      .values([
        { code: "MATH-7", name: "Mathematics 7" },
        { code: "ENG-7", name: "English Language 7" },
        { code: "SCI-5", name: "Science 5" },
      ])
      .returning({ id: courses.id });
    const [math, english, science] = courseIds.map((row) => row.id);
    await tx.insert(enrolments).values([
      { studentId: john, courseId: math, startDate: "2026-09-01" },
      { studentId: john, courseId: english, startDate: "2026-09-01" },
      { studentId: jane, courseId: science, startDate: "2026-09-01" },
      { studentId: jane, courseId: english, startDate: "2026-09-01" },
      { studentId: tom, courseId: math, startDate: "2026-09-01" },
      { studentId: amy, courseId: science, startDate: "2026-09-01" },
    ]);

    await syncChildIds(tx, [lindaUser]);

    return [
      { role: "manager", login: "manager@example.com", note: "manages parents and students at /admin" },
      { role: "parent", login: "linda.brown@example.com", note: "sees Tom Brown" },
      { role: "student", login: "john.smith@example.com", note: "sees his own record" },
      { role: "student", login: "jane.smith@example.com", note: "sees her own record" },
      { role: "parent", login: "robert.smith@example.com", note: "no portal user yet: create it from /admin/parents" },
    ];
  });
}
