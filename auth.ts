import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { eq } from "drizzle-orm";
import { authConfig } from "@/auth.config";
import { getDb, writeTransaction } from "@/db/client";
import { users } from "@/db/schema";
import { normalizeLogin } from "@/lib/login";
import { verifyAgainstDummy, verifyPassword, MAX_PASSWORD_LENGTH } from "@/lib/auth/password";

/**
 * Checks an email and password. Unknown email, wrong password, no password set
 * yet and a deactivated account all return null, after the same amount of
 * hashing work, so callers cannot tell them apart.
 */
export async function checkCredentials(email: unknown, password: unknown) {
  if (typeof email !== "string" || typeof password !== "string") return null;
  if (password.length === 0 || password.length > MAX_PASSWORD_LENGTH) return null;
  const normalized = normalizeLogin(email);
  if (!normalized.ok) return verifyAgainstDummy(password).then(() => null);
  const db = getDb();
  const user = await db.query.users.findFirst({ where: eq(users.login, normalized.login) });
  if (!user?.passwordHash || !user.active) {
    await verifyAgainstDummy(password);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  await writeTransaction(db, (tx) =>
    tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id)),
  );
  return user;
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  logger: {
    // A wrong password is an expected outcome, not a server error worth a stack trace.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error(error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const user = await checkCredentials(credentials?.email, credentials?.password);
        if (!user) throw new CredentialsSignin();
        return {
          id: String(user.id),
          name: user.name,
          email: user.login,
          role: user.role,
          sessionVersion: user.sessionVersion,
        };
      },
    }),
  ],
});
