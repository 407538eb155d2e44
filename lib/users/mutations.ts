import { eq, sql } from "drizzle-orm";
import { writeTransaction, type Database } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";

export type SetActiveOutcome =
  | { status: "done"; login: string }
  | { status: "self" }
  | { status: "user_not_found" }
  | { status: "unchanged"; login: string };

/**
 * Deactivates or reactivates a user on a manager's request. Deactivating also
 * raises session_version, so the user's open sessions end on their next
 * request (the middleware and getCurrentUser read both fields on every request).
 * A manager cannot deactivate their own account.
 */
export async function setUserActive(
  db: Database,
  { userId, managerId, active }: { userId: number; managerId: number; active: boolean },
): Promise<SetActiveOutcome> {
  if (!active && userId === managerId) return { status: "self" };
  return writeTransaction(db, async (tx) => {
    const user = await tx.query.users.findFirst({ where: eq(users.id, userId) });
    if (!user) return { status: "user_not_found" } as const;
    if (user.active === active) return { status: "unchanged", login: user.login } as const;
    await tx
      .update(users)
      .set(
        active
          ? { active: true }
          : { active: false, sessionVersion: sql`${users.sessionVersion} + 1` },
      )
      .where(eq(users.id, userId));
    await recordAudit(tx, [
      {
        action: active ? "user.reactivated" : "user.deactivated",
        summary: `${active ? "Reactivated" : "Deactivated"} ${user.role === "manager" ? "manager" : "portal user"} ${user.login} (${user.name})`,
        userId,
        before: { active: user.active },
        after: { active },
      },
    ]);
    return { status: "done", login: user.login } as const;
  });
}
