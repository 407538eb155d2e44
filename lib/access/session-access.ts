import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { users } from "@/db/schema";
import { getVisibleStudentIds } from "@/lib/access/rule";

export type SessionAccess =
  | { signedIn: false }
  | { signedIn: true; role: "manager" | "portal"; studentIds: number[] };

/**
 * Loads the current role and visible student ids of a session's user from the
 * database. A missing or deactivated user, or a session older than the user's
 * last forced sign-out, is signed out, as in getCurrentUser.
 */
export async function loadSessionAccess(
  db: Executor,
  session: { userId: number; sessionVersion: number | undefined },
): Promise<SessionAccess> {
  if (!Number.isInteger(session.userId) || session.userId <= 0) return { signedIn: false };
  const user = await db.query.users.findFirst({
    where: eq(users.id, session.userId),
    columns: { id: true, role: true, active: true, sessionVersion: true },
  });
  if (!user || !user.active || user.sessionVersion !== session.sessionVersion) return { signedIn: false };
  return {
    signedIn: true,
    role: user.role,
    studentIds: user.role === "portal" ? await getVisibleStudentIds(db, user.id) : [],
  };
}
