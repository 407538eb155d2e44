import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { writeTransaction, type Database } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { withAuditActor, type AuditActor, type AuditAction } from "@/lib/audit/record";

/** An audit event as read with raw SQL, with before and after parsed from JSON. */
export type StoredAuditEvent = {
  id: number;
  createdAt: number;
  actorUserId: number | null;
  actorName: string;
  action: string;
  userId: number | null;
  parentId: number | null;
  studentId: number | null;
  summary: string;
  before: unknown;
  after: unknown;
};

/** Reads every audit event in id order with raw SQL, so the reading does not depend on lib/audit. */
export async function storedAuditEvents(db: Database): Promise<StoredAuditEvent[]> {
  const result = await db.$client.execute("SELECT * FROM audit_events ORDER BY id");
  return result.rows.map((row) => ({
    id: Number(row.id),
    createdAt: Number(row.created_at),
    actorUserId: row.actor_user_id === null ? null : Number(row.actor_user_id),
    actorName: String(row.actor_name),
    action: String(row.action),
    userId: row.user_id === null ? null : Number(row.user_id),
    parentId: row.parent_id === null ? null : Number(row.parent_id),
    studentId: row.student_id === null ? null : Number(row.student_id),
    summary: String(row.summary),
    before: row.before === null ? null : JSON.parse(String(row.before)),
    after: row.after === null ? null : JSON.parse(String(row.after)),
  }));
}

/** Returns the stored events of one action, in id order. */
export async function eventsOf(db: Database, action: AuditAction): Promise<StoredAuditEvent[]> {
  return (await storedAuditEvents(db)).filter((event) => event.action === action);
}

/** Returns the id of the newest stored event, or 0 when there is none. */
export async function lastEventId(db: Database): Promise<number> {
  const result = await db.$client.execute("SELECT coalesce(max(id), 0) AS id FROM audit_events");
  return Number(result.rows[0].id);
}

/** Returns the events stored after the event with id `afterId`. */
export async function eventsSince(db: Database, afterId: number): Promise<StoredAuditEvent[]> {
  return (await storedAuditEvents(db)).filter((event) => event.id > afterId);
}

export const TEST_MANAGER: AuditActor = { userId: 9001, name: "Mary Manager" };

/** Runs `work` as the test manager, as managerAction does for a signed-in manager. */
export function asManager<T>(work: () => Promise<T>): Promise<T> {
  return withAuditActor(TEST_MANAGER, work);
}

/**
 * Inserts audit events directly, each at the given time, for tests of the
 * queries. Returns their ids in order.
 */
export async function insertAuditEvents(
  db: Database,
  events: {
    action: AuditAction;
    createdAt?: Date;
    actorUserId?: number | null;
    userId?: number | null;
    parentId?: number | null;
    studentId?: number | null;
    summary?: string;
  }[],
): Promise<number[]> {
  const rows = await writeTransaction(db, (tx) =>
    tx
      .insert(auditEvents)
      .values(
        events.map((event, index) => ({
          actorUserId: event.actorUserId ?? null,
          actorName: event.actorUserId ? `Manager ${event.actorUserId}` : "System",
          action: event.action,
          summary: event.summary ?? `Event ${index + 1}`,
          userId: event.userId ?? null,
          parentId: event.parentId ?? null,
          studentId: event.studentId ?? null,
          createdAt: event.createdAt ?? new Date(),
        })),
      )
      .returning({ id: auditEvents.id }),
  );
  return rows.map((row) => row.id);
}

/** Starts a local stand-in for the mail API that fails every request with HTTP 500 and "fake outage". */
export async function startFailingMailApi(): Promise<{ url: string; stop: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ name: "internal_server_error", message: "fake outage", statusCode: 500 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
