import { and, eq, inArray } from "drizzle-orm";
import { writeTransaction, type Database } from "@/db/client";
import { contacts, parentStudents, parents, type Relationship } from "@/db/schema";
import { getUserIdsOfParents, syncChildIds } from "@/lib/access/child-sync";
import { linkChangeEvents, readLinks } from "@/lib/audit/links";
import { recordAudit } from "@/lib/audit/record";
import {
  activeChangeEvents,
  deleteEvents,
  readParentStates,
} from "@/lib/audit/record-states";

export type ParentFields = {
  name: string;
  email: string | null;
  contactEmail: string | null;
  phone: string | null;
  active: boolean;
};

export type StudentLink = { studentId: number; relationship: Relationship };

export async function createParent(
  db: Database,
  fields: ParentFields,
  links: StudentLink[] = [],
): Promise<number> {
  return writeTransaction(db, async (tx) => {
    const [contact] = await tx
      .insert(contacts)
      .values({ name: fields.name, email: fields.contactEmail, phone: fields.phone })
      .returning({ id: contacts.id });
    const [parent] = await tx
      .insert(parents)
      .values({ contactId: contact.id, email: fields.email, active: fields.active })
      .returning({ id: parents.id });
    if (links.length > 0) {
      await tx.insert(parentStudents).values(links.map((link) => ({ ...link, parentId: parent.id })));
      await recordAudit(tx, linkChangeEvents([], await readLinks(tx, { parentIds: [parent.id] })));
    }
    return parent.id;
  });
}

/** Updates a parent's details; archiving (active = false) drops its children from child_ids. */
export async function updateParent(
  db: Database,
  parentId: number,
  fields: ParentFields,
): Promise<boolean> {
  return writeTransaction(db, async (tx) => {
    const parent = await tx.query.parents.findFirst({ where: eq(parents.id, parentId) });
    if (!parent) return false;
    await tx
      .update(contacts)
      .set({ name: fields.name, email: fields.contactEmail, phone: fields.phone })
      .where(eq(contacts.id, parent.contactId));
    await tx
      .update(parents)
      .set({ email: fields.email, active: fields.active })
      .where(eq(parents.id, parentId));
    await recordAudit(
      tx,
      activeChangeEvents(
        "parent",
        [{ id: parentId, name: fields.name, active: parent.active }],
        fields.active,
      ),
    );
    await syncChildIds(tx, [parent.userId]);
    return true;
  });
}

/** Replaces the students linked to a parent, with the relationship to each. */
export async function setParentStudents(
  db: Database,
  parentId: number,
  links: StudentLink[],
): Promise<boolean> {
  return writeTransaction(db, async (tx) => {
    const parent = await tx.query.parents.findFirst({ where: eq(parents.id, parentId) });
    if (!parent) return false;
    const before = await readLinks(tx, { parentIds: [parentId] });
    await tx.delete(parentStudents).where(eq(parentStudents.parentId, parentId));
    if (links.length > 0) {
      await tx.insert(parentStudents).values(links.map((link) => ({ ...link, parentId })));
    }
    await recordAudit(tx, linkChangeEvents(before, await readLinks(tx, { parentIds: [parentId] })));
    await syncChildIds(tx, [parent.userId]);
    return true;
  });
}

/** Links one student to one parent, or changes the relationship if already linked. */
export async function linkStudentToParent(
  db: Database,
  link: StudentLink & { parentId: number },
): Promise<void> {
  await writeTransaction(db, async (tx) => {
    const before = await readLinks(tx, { pair: link });
    await tx
      .insert(parentStudents)
      .values(link)
      .onConflictDoUpdate({
        target: [parentStudents.parentId, parentStudents.studentId],
        set: { relationship: link.relationship },
      });
    await recordAudit(tx, linkChangeEvents(before, await readLinks(tx, { pair: link })));
    await syncChildIds(tx, await getUserIdsOfParents(tx, [link.parentId]));
  });
}

export async function unlinkStudentFromParent(
  db: Database,
  link: { parentId: number; studentId: number },
): Promise<void> {
  await writeTransaction(db, async (tx) => {
    const before = await readLinks(tx, { pair: link });
    await tx
      .delete(parentStudents)
      .where(
        and(
          eq(parentStudents.parentId, link.parentId),
          eq(parentStudents.studentId, link.studentId),
        ),
      );
    await recordAudit(tx, linkChangeEvents(before, []));
    await syncChildIds(tx, await getUserIdsOfParents(tx, [link.parentId]));
  });
}

/** Archives or restores several parents at once. */
export async function setParentsActive(
  db: Database,
  parentIds: number[],
  active: boolean,
): Promise<void> {
  if (parentIds.length === 0) return;
  await writeTransaction(db, async (tx) => {
    const before = await readParentStates(tx, parentIds);
    await tx.update(parents).set({ active }).where(inArray(parents.id, parentIds));
    await recordAudit(tx, activeChangeEvents("parent", before, active));
    await syncChildIds(tx, await getUserIdsOfParents(tx, parentIds));
  });
}

/**
 * Deletes parent records and their student links. Their portal users stay (a
 * shared account may still serve another parent) but lose these children.
 */
export async function deleteParents(db: Database, parentIds: number[]): Promise<void> {
  if (parentIds.length === 0) return;
  await writeTransaction(db, async (tx) => {
    const affectedUsers = await getUserIdsOfParents(tx, parentIds);
    const before = await readParentStates(tx, parentIds);
    const links = await readLinks(tx, { parentIds });
    const rows = await tx
      .select({ contactId: parents.contactId })
      .from(parents)
      .where(inArray(parents.id, parentIds));
    await tx.delete(parents).where(inArray(parents.id, parentIds));
    await tx.delete(contacts).where(
      inArray(
        contacts.id,
        rows.map((row) => row.contactId),
      ),
    );
    await recordAudit(tx, [...linkChangeEvents(links, []), ...deleteEvents("parent", before)]);
    await syncChildIds(tx, affectedUsers);
  });
}
