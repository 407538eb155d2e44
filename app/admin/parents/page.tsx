import type { Metadata } from "next";
import Link from "next/link";
import { describeInvitationStatus } from "@/app/admin/_components/invitation-status";
import { SearchForm } from "@/app/admin/_components/search-form";
import {
  buttonLinkClass,
  cellClass,
  headerCellClass,
  tableClass,
  tableWrapperClass,
  textLinkClass,
} from "@/app/admin/_components/styles";
import { parseSearchQuery } from "@/app/admin/_lib/route-params";
import { requireManager } from "@/lib/auth/session";
import { getParents, type ParentSummary } from "@/lib/parents/queries";

export const metadata: Metadata = { title: "Parents" };

function ParentRow({ parent }: { parent: ParentSummary }) {
  return (
    <tr>
      <th scope="row" className={`${cellClass} font-medium`}>
        <Link href={`/admin/parents/${parent.id}`} className={textLinkClass}>
          {parent.name}
        </Link>
        {parent.active ? null : <span className="ml-2 text-xs text-zinc-600">(archived)</span>}
      </th>
      <td className={`${cellClass} [overflow-wrap:anywhere]`}>{parent.email ?? "No email"}</td>
      <td className={cellClass}>
        {parent.studentNames.length > 0 ? parent.studentNames.join(", ") : "None"}
      </td>
      <td className={`${cellClass} [overflow-wrap:anywhere]`}>{parent.login ?? "No portal user"}</td>
      <td className={cellClass}>
        {parent.invitation ? describeInvitationStatus(parent.invitation) : "—"}
      </td>
    </tr>
  );
}

function ParentsTable({ parents }: { parents: ParentSummary[] }) {
  return (
    <div className={tableWrapperClass}>
      <table className={tableClass}>
        <caption className="sr-only">Parents</caption>
        <thead className="bg-zinc-50">
          <tr>
            <th scope="col" className={headerCellClass}>Name</th>
            <th scope="col" className={headerCellClass}>Email</th>
            <th scope="col" className={headerCellClass}>Students</th>
            <th scope="col" className={headerCellClass}>Portal user</th>
            <th scope="col" className={headerCellClass}>Invitation</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200">
          {parents.map((parent) => (
            <ParentRow key={parent.id} parent={parent} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default async function ParentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireManager();
  const search = parseSearchQuery((await searchParams).q);
  const parents = await getParents({ search });

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Parents</h1>
        <Link href="/admin/parents/new" className={buttonLinkClass}>
          New parent
        </Link>
      </div>
      <SearchForm label="Search parents" action="/admin/parents" defaultValue={search} />
      {parents.length > 0 ? (
        <ParentsTable parents={parents} />
      ) : (
        <p className="rounded-md border border-dashed border-zinc-300 bg-white p-6 text-zinc-700">
          {search
            ? `No parent's name or email contains "${search}".`
            : "There are no parents yet. Click New parent to add the first one."}
        </p>
      )}
    </>
  );
}
