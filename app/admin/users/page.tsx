import type { Metadata } from "next";
import Link from "next/link";
import {
  cellClass,
  headerCellClass,
  tableClass,
  tableWrapperClass,
  textLinkClass,
} from "@/app/admin/_components/styles";
import { InvitationBadge } from "@/app/admin/_components/invitation-badge";
import { formatDateTime, matchVerb } from "@/app/admin/_lib/format";
import { requireManager } from "@/lib/auth/session";
import { getInvitationStatuses, type InvitationStatus } from "@/lib/invitation-state";
import { getUsers, type UserFilters, type UserPage, type UserSummary } from "@/lib/users/queries";
import { UserFiltersForm } from "./_components/user-filters";
import { kindLabels, roleLabels, stateLabels } from "./_lib/labels";
import { parseUserFilters, userListHref } from "./_lib/list-params";

export const metadata: Metadata = { title: "Users" };

function UserRow({ user, invitation }: { user: UserSummary; invitation: InvitationStatus | undefined }) {
  return (
    <tr>
      <th scope="row" className={`${cellClass} font-medium`}>
        <Link href={`/admin/users/${user.id}`} className={textLinkClass}>
          {user.name}
        </Link>
      </th>
      <td className={`${cellClass} [overflow-wrap:anywhere]`}>{user.login}</td>
      <td className={cellClass}>{roleLabels[user.role]}</td>
      <td className={cellClass}>{kindLabels[user.kind]}</td>
      <td className={cellClass}>{stateLabels[user.state]}</td>
      <td className={cellClass}>{invitation ? <InvitationBadge status={invitation} /> : "—"}</td>
      <td className={`${cellClass} whitespace-nowrap`}>
        {user.lastLoginAt ? formatDateTime(user.lastLoginAt) : "Never"}
      </td>
    </tr>
  );
}

function UsersTable({
  users,
  invitations,
}: {
  users: UserSummary[];
  invitations: Map<number, InvitationStatus>;
}) {
  return (
    <div className={tableWrapperClass}>
      <table className={tableClass}>
        <caption className="sr-only">Users</caption>
        <thead className="bg-zinc-50">
          <tr>
            <th scope="col" className={headerCellClass}>Name</th>
            <th scope="col" className={headerCellClass}>Login</th>
            <th scope="col" className={headerCellClass}>Role</th>
            <th scope="col" className={headerCellClass}>Kind</th>
            <th scope="col" className={headerCellClass}>State</th>
            <th scope="col" className={headerCellClass}>Invitation</th>
            <th scope="col" className={headerCellClass}>Last login</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200">
          {users.map((user) => (
            <UserRow key={user.id} user={user} invitation={invitations.get(user.id)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Pagination({ result, filters }: { result: UserPage; filters: UserFilters }) {
  if (result.pageCount <= 1) return null;
  return (
    <nav aria-label="User list pages" className="flex flex-wrap items-center gap-4 text-sm">
      {result.page > 1 ? (
        <Link href={userListHref({ ...filters, page: result.page - 1 })} className={textLinkClass}>
          Previous page
        </Link>
      ) : null}
      <span>
        Page {result.page} of {result.pageCount}
      </span>
      {result.page < result.pageCount ? (
        <Link href={userListHref({ ...filters, page: result.page + 1 })} className={textLinkClass}>
          Next page
        </Link>
      ) : null}
    </nav>
  );
}

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireManager();
  const filters = parseUserFilters(await searchParams);
  const result = await getUsers(filters);
  const invitations = await getInvitationStatuses({ userIds: result.users.map((user) => user.id) });
  const filtered = Boolean(filters.search || filters.role || filters.kind || filters.state);

  return (
    <>
      <h1 className="text-2xl font-semibold">Users</h1>
      <UserFiltersForm filters={filters} />
      <p role="status" className="text-sm text-zinc-700">
        {result.total === 1 ? "1 user" : `${result.total} users`}
        {filtered ? ` ${matchVerb(result.total)} these filters.` : "."}
      </p>
      {result.users.length > 0 ? (
        <>
          <UsersTable users={result.users} invitations={invitations} />
          <Pagination result={result} filters={filters} />
        </>
      ) : (
        <p className="rounded-md border border-dashed border-zinc-300 bg-white p-6 text-zinc-700">
          {filtered
            ? "No user matches these filters. Change the search or click Clear filters."
            : "There are no users yet. Create a portal user from a parent's or student's page."}
        </p>
      )}
    </>
  );
}
