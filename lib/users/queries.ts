import { and, asc, count, eq, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { userRoles, users, type UserRole } from "@/db/schema";

export const USERS_PAGE_SIZE = 50;

export const userKinds = ["parent", "student", "staff"] as const;
export type UserKind = (typeof userKinds)[number];

export const userStates = ["invited", "active", "deactivated"] as const;
export type UserState = (typeof userStates)[number];

export type UserFilters = {
  search?: string;
  role?: UserRole;
  kind?: UserKind;
  state?: UserState;
  /** 1-based page number. */
  page?: number;
};

export type UserSummary = {
  id: number;
  name: string;
  login: string;
  role: UserRole;
  kind: UserKind;
  state: UserState;
  lastLoginAt: Date | null;
};

export type UserPage = {
  users: UserSummary[];
  total: number;
  page: number;
  pageCount: number;
};

/** Returns what kind of person a user is: managers are staff, portal users a parent or a student. */
export function userKind(user: { role: UserRole; isParent: boolean }): UserKind {
  if (user.role === "manager") return "staff";
  return user.isParent ? "parent" : "student";
}

/** Returns whether a user is deactivated, still invited (no password yet) or active. */
export function userState(user: { active: boolean; passwordHash: string | null }): UserState {
  if (!user.active) return "deactivated";
  return user.passwordHash ? "active" : "invited";
}

/** Escapes LIKE wildcards so the search text matches literally. */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

function kindCondition(kind: UserKind): SQL | undefined {
  if (kind === "staff") return eq(users.role, "manager");
  return and(eq(users.role, "portal"), eq(users.isParent, kind === "parent"));
}

function stateCondition(state: UserState): SQL | undefined {
  if (state === "deactivated") return eq(users.active, false);
  return and(
    eq(users.active, true),
    state === "active" ? isNotNull(users.passwordHash) : isNull(users.passwordHash),
  );
}

/**
 * Fills the columns before `active` in users_kind_name_idx (role, is_parent)
 * with every value they can take, so that a state filter without a kind
 * filter is a SEARCH on that index rather than a walk of users_name_idx that
 * reads every row. NOTE: rows whose role is not in userRoles drop out of the
 * state filter; the database has no CHECK constraint on role.
 */
function kindIndexPrefix({ role, kind }: UserFilters): SQL | undefined {
  if (kind) return undefined;
  return and(
    role ? undefined : inArray(users.role, [...userRoles]),
    inArray(users.isParent, [false, true]),
  );
}

function filterCondition({ search, role, kind, state }: UserFilters): SQL | undefined {
  // NOTE: SQLite's LIKE ignores case for ASCII letters only, so "élodie" does
  // not find "Élodie". A search reads every row of users_name_idx; see
  // bench/users-list.ts for its cost at 20,000 users.
  const pattern = search ? likePattern(search) : null;
  return and(
    pattern
      ? or(sql`${users.name} LIKE ${pattern} ESCAPE '\\'`, sql`${users.login} LIKE ${pattern} ESCAPE '\\'`)
      : undefined,
    role ? eq(users.role, role) : undefined,
    kind ? kindCondition(kind) : undefined,
    state ? kindIndexPrefix({ role, kind }) : undefined,
    state ? stateCondition(state) : undefined,
  );
}

/**
 * Returns one page of users matching the filters, sorted by name then id, and
 * the number of matching users. It runs two queries whatever the page size.
 */
export async function getUsers(filters: UserFilters, db: Executor = getDb()): Promise<UserPage> {
  const where = filterCondition(filters);
  const [{ total }] = await db.select({ total: count() }).from(users).where(where);
  const pageCount = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  const page = Math.min(Math.max(1, filters.page ?? 1), pageCount);
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      login: users.login,
      role: users.role,
      isParent: users.isParent,
      active: users.active,
      passwordHash: users.passwordHash,
      lastLoginAt: users.lastLoginAt,
    })
    .from(users)
    .where(where)
    .orderBy(asc(users.name), asc(users.id))
    .limit(USERS_PAGE_SIZE)
    .offset((page - 1) * USERS_PAGE_SIZE);
  return {
    users: rows.map((row) => ({
      id: row.id,
      name: row.name,
      login: row.login,
      role: row.role,
      kind: userKind(row),
      state: userState(row),
      lastLoginAt: row.lastLoginAt,
    })),
    total,
    page,
    pageCount,
  };
}

export type UserDetail = UserSummary & { isSelf: boolean };

/** Returns one user for the admin user page, or null when no such user exists. */
export async function getUserById(
  { id, viewerId }: { id: number; viewerId: number },
  db: Executor = getDb(),
): Promise<UserDetail | null> {
  const row = await db.query.users.findFirst({ where: eq(users.id, id) });
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    login: row.login,
    role: row.role,
    kind: userKind(row),
    state: userState(row),
    lastLoginAt: row.lastLoginAt,
    isSelf: row.id === viewerId,
  };
}
