import { eq } from "drizzle-orm";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { getDb } from "@/db/client";
import { users, type UserRole } from "@/db/schema";

export type CurrentUser = {
  id: number;
  name: string;
  login: string;
  role: UserRole;
  isParent: boolean;
};

/**
 * Returns the signed-in user, re-read from the database once per request. A
 * deactivated user, or a session older than the user's last forced sign-out,
 * counts as signed out even though its cookie is still validly signed.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const token = session?.user;
  const id = Number(token?.id);
  if (!token || !Number.isInteger(id) || id <= 0) return null;
  const user = await getDb().query.users.findFirst({ where: eq(users.id, id) });
  if (!user || !user.active) return null;
  if (session.sessionVersion !== user.sessionVersion) return null;
  return {
    id: user.id,
    name: user.name,
    login: user.login,
    role: user.role,
    isParent: user.isParent,
  };
});

/** Returns the current manager, and redirects anyone else to log in or to their portal. */
export async function requireManager(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login?callbackUrl=/admin");
  if (user.role !== "manager") redirect("/portal");
  return user;
}

/** Returns the current parent or student, and redirects managers to /admin. */
export async function requirePortalUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login?callbackUrl=/portal");
  if (user.role !== "portal") redirect("/admin");
  return user;
}
