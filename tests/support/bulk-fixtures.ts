import { writeTransaction, type Database } from "@/db/client";
import { contacts, parentStudents, parents, students, users } from "@/db/schema";
import type { BulkOutcome } from "@/lib/jobs/outcomes";

export type BulkParent = {
  parentId: number;
  expected: BulkOutcome;
  /** The login the job should create, for parents expected to be "created". */
  login: string | null;
};

export type BulkSchool = {
  parents: BulkParent[];
  /** Ids of the users that existed before the job. */
  existingUserIds: number[];
};

// Parents cycle through these cases by index. Indexes not listed are plain
// parents with a fresh, valid email.
function caseOf(index: number): "no_email" | "staff_login" | "parent_login" | "has_user" | "invalid" | "duplicate" | "plain" {
  switch (index % 10) {
    case 0:
      return "no_email";
    case 1:
      return "staff_login";
    case 2:
      return "parent_login";
    case 3:
      return "has_user";
    case 4:
      return "invalid";
    case 7:
      return index % 20 === 7 ? "duplicate" : "plain";
    default:
      return "plain";
  }
}

/**
 * Inserts `count` parents in one transaction with raw inserts. They mix every
 * case a Create Parent Users job meets: no email, a login held by a staff user
 * or by another parent's user, a parent that already has a user, an invalid
 * email, two parents sharing one email, and plain parents. Forty students with
 * portal users are linked round-robin, so child_ids can be checked. Returns
 * each parent with the outcome the job should give it.
 */
export async function insertBulkSchool(db: Database, count: number): Promise<BulkSchool> {
  return writeTransaction(db, async (tx) => {
    const studentUserRows = await tx
      .insert(users)
      .values(
        Array.from({ length: 40 }, (_, i) => ({
          login: `bulk.student${i}@example.com`,
          name: `Bulk Student ${i}`,
          role: "portal" as const,
        })),
      )
      .returning({ id: users.id });
    const studentRows = await tx
      .insert(students)
      .values(studentUserRows.map((user, i) => ({ name: `Bulk Student ${i}`, userId: user.id })))
      .returning({ id: students.id });

    const existingUserIds = studentUserRows.map((row) => row.id);
    const result: BulkParent[] = [];
    for (let i = 0; i < count; i++) {
      const kind = caseOf(i);
      let email: string | null = `bulk.parent${i}@example.com`;
      let userId: number | null = null;
      let expected: BulkOutcome = "created";
      if (kind === "no_email") {
        email = null;
        expected = "skipped_no_email";
      } else if (kind === "staff_login") {
        email = `bulk.staff${i}@example.com`;
        const [staff] = await tx
          .insert(users)
          .values({ login: email, name: `Staff ${i}`, role: "manager" })
          .returning({ id: users.id });
        existingUserIds.push(staff.id);
        expected = "skipped_login_exists";
      } else if (kind === "parent_login") {
        email = `bulk.shared${i}@example.com`;
        const [contact] = await tx
          .insert(contacts)
          .values({ name: `Other Parent ${i}` })
          .returning({ id: contacts.id });
        const [other] = await tx
          .insert(users)
          .values({ login: email, name: `Other Parent ${i}`, role: "portal", isParent: true })
          .returning({ id: users.id });
        await tx.insert(parents).values({ contactId: contact.id, email, userId: other.id });
        existingUserIds.push(other.id);
        expected = "skipped_login_exists";
      } else if (kind === "has_user") {
        const [own] = await tx
          .insert(users)
          .values({ login: `bulk.parent${i}@example.com`, name: `Bulk Parent ${i}`, role: "portal", isParent: true })
          .returning({ id: users.id });
        userId = own.id;
        existingUserIds.push(own.id);
        expected = "already_has_user";
      } else if (kind === "invalid") {
        email = `bulk parent ${i} at example`;
        expected = "invalid_email";
      } else if (kind === "duplicate") {
        // The same address as the plain parent just before, which gets the user first.
        email = `bulk.parent${i - 1}@example.com`;
        expected = "skipped_login_exists";
      }

      const [contact] = await tx
        .insert(contacts)
        .values({ name: `Bulk Parent ${String(i).padStart(4, "0")}` })
        .returning({ id: contacts.id });
      const [parent] = await tx
        .insert(parents)
        .values({ contactId: contact.id, email, userId })
        .returning({ id: parents.id });
      await tx.insert(parentStudents).values({
        parentId: parent.id,
        studentId: studentRows[i % studentRows.length].id,
        relationship: "guardian",
      });
      result.push({ parentId: parent.id, expected, login: expected === "created" ? email : null });
    }
    return { parents: result, existingUserIds };
  });
}
