import { AsyncLocalStorage } from "node:async_hooks";
import type { Executor } from "@/db/client";
import { auditEvents } from "@/db/schema";

/** The author of a change: a signed-in user, or the system (mail worker, jobs without an owner). */
export type AuditActor = { userId: number | null; name: string };

export const SYSTEM_ACTOR: AuditActor = { userId: null, name: "System" };

export const auditActions = [
  "user.created",
  "user.linked",
  "user.deactivated",
  "user.reactivated",
  "invitation.queued",
  "invitation.sent",
  "invitation.failed",
  "password.reset_requested",
  "password.set",
  "password.reset",
  "child.added",
  "child.removed",
  "link.added",
  "link.removed",
  "link.changed",
  "student_user.created",
  "student_user.removed",
  "student_user.replaced",
  "parent.archived",
  "parent.restored",
  "parent.deleted",
  "student.archived",
  "student.restored",
  "student.deleted",
  "import.applied",
  "bulk.started",
] as const;
export type AuditAction = (typeof auditActions)[number];

export type AuditEventInput = {
  action: AuditAction;
  summary: string;
  userId?: number | null;
  parentId?: number | null;
  studentId?: number | null;
  before?: unknown;
  after?: unknown;
};

const actorStorage = new AsyncLocalStorage<AuditActor>();

/**
 * Runs `work` with `actor` as the author of every audit event recorded inside
 * it, however deep the call. managerAction sets the signed-in manager. Code
 * run outside any actor records the system as the author.
 */
export function withAuditActor<T>(actor: AuditActor, work: () => T): T {
  return actorStorage.run(actor, work);
}

export function currentAuditActor(): AuditActor {
  return actorStorage.getStore() ?? SYSTEM_ACTOR;
}

// Each event binds nine SQL parameters, and SQLite accepts at most 32766 in
// one statement (the default since SQLite 3.32), so larger batches are split.
const EVENTS_PER_INSERT = 500;

/**
 * Records audit events in one insert per 500 events. Call it with the
 * transaction that makes the change, so the record and the change are
 * written together.
 */
export async function recordAudit(
  tx: Executor,
  events: AuditEventInput[],
  actor: AuditActor = currentAuditActor(),
): Promise<void> {
  for (let start = 0; start < events.length; start += EVENTS_PER_INSERT) {
    await insertEvents(tx, events.slice(start, start + EVENTS_PER_INSERT), actor);
  }
}

async function insertEvents(tx: Executor, events: AuditEventInput[], actor: AuditActor) {
  await tx.insert(auditEvents).values(
    events.map((event) => ({
      actorUserId: actor.userId,
      actorName: actor.name,
      action: event.action,
      summary: event.summary,
      userId: event.userId ?? null,
      parentId: event.parentId ?? null,
      studentId: event.studentId ?? null,
      before: event.before ?? null,
      after: event.after ?? null,
    })),
  );
}
