import { parseSearchQuery } from "@/app/admin/_lib/route-params";
import { userRoles } from "@/db/schema";
import { userKinds, userStates, type UserFilters } from "@/lib/users/queries";

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function oneOf<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return values.find((candidate) => candidate === value);
}

/**
 * Reads the user list's filters from the URL. Unknown values are ignored, so a
 * stale or edited link shows every user rather than an error.
 */
export function parseUserFilters(params: SearchParams): Required<Pick<UserFilters, "search" | "page">> &
  UserFilters {
  const pageText = first(params.page) ?? "";
  const page = /^[1-9][0-9]{0,5}$/.test(pageText) ? Number(pageText) : 1;
  return {
    search: parseSearchQuery(params.q),
    role: oneOf(userRoles, first(params.role)),
    kind: oneOf(userKinds, first(params.kind)),
    state: oneOf(userStates, first(params.state)),
    page,
  };
}

/** Builds the list's URL for `filters`, leaving out empty ones. */
export function userListHref(filters: UserFilters): string {
  const query = new URLSearchParams();
  if (filters.search) query.set("q", filters.search);
  if (filters.role) query.set("role", filters.role);
  if (filters.kind) query.set("kind", filters.kind);
  if (filters.state) query.set("state", filters.state);
  if (filters.page && filters.page > 1) query.set("page", String(filters.page));
  const text = query.toString();
  return text ? `/admin/users?${text}` : "/admin/users";
}
