import { eq } from "drizzle-orm";
import { writeTransaction, type Database } from "@/db/client";
import { passwordTokens, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";

type UserInput = {
  login: string;
  name?: string;
  role?: "manager" | "portal";
  isParent?: boolean;
  active?: boolean;
  password?: string | null;
  lastLoginAt?: Date | null;
};

/** Inserts a user directly, with a password hash when `password` is given. */
export async function insertUser(db: Database, input: UserInput): Promise<number> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const [row] = await writeTransaction(db, (tx) =>
    tx
      .insert(users)
      .values({
        login: input.login,
        name: input.name ?? input.login,
        role: input.role ?? "portal",
        isParent: input.isParent ?? false,
        active: input.active ?? true,
        passwordHash,
        lastLoginAt: input.lastLoginAt ?? null,
      })
      .returning({ id: users.id }),
  );
  return row.id;
}

export async function getUser(db: Database, userId: number) {
  const user = await db.query.users.findFirst({ where: eq(users.id, userId) });
  if (!user) throw new Error(`No user ${userId}`);
  return user;
}

export async function tokensOf(db: Database, userId: number) {
  return db.query.passwordTokens.findMany({ where: eq(passwordTokens.userId, userId) });
}
