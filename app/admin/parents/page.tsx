import type { Metadata } from "next";
import Link from "next/link";
import { SearchForm } from "@/app/admin/_components/search-form";
import { buttonLinkClass, textLinkClass } from "@/app/admin/_components/styles";
import { parseSearchQuery } from "@/app/admin/_lib/route-params";
import { requireManager } from "@/lib/auth/session";
import { getParents } from "@/lib/parents/queries";
import { ParentsSelection } from "./_components/parents-selection";

export const metadata: Metadata = { title: "Parents" };

const PAGE_SIZE = 100;

function parsePage(value: string | string[] | undefined): number {
  const text = Array.isArray(value) ? value[0] : value;
  return text && /^[1-9][0-9]{0,5}$/.test(text) ? Number(text) : 1;
}

function parentListHref(search: string, page: number): string {
  const query = new URLSearchParams();
  if (search) query.set("q", search);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `/admin/parents?${text}` : "/admin/parents";
}

function Pagination({ search, page, pageCount }: { search: string; page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Parent list pages" className="flex flex-wrap items-center gap-4 text-sm">
      {page > 1 ? (
        <Link href={parentListHref(search, page - 1)} className={textLinkClass}>
          Previous page
        </Link>
      ) : null}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={parentListHref(search, page + 1)} className={textLinkClass}>
          Next page
        </Link>
      ) : null}
    </nav>
  );
}

export default async function ParentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireManager();
  const params = await searchParams;
  const search = parseSearchQuery(params.q);
  // NOTE: getParents reads every matching parent and the page is cut here, so
  // a list of thousands of parents loads all their students on each visit.
  const parents = await getParents({ search });
  const pageCount = Math.max(1, Math.ceil(parents.length / PAGE_SIZE));
  const page = Math.min(parsePage(params.page), pageCount);
  const pageParents = parents.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Parents</h1>
        <div className="flex flex-wrap gap-2">
          <Link href="/admin/jobs" className="inline-flex min-h-10 items-center px-2 text-sm text-blue-700 underline">
            Bulk jobs
          </Link>
          <Link href="/admin/parents/new" className={buttonLinkClass}>
            New parent
          </Link>
        </div>
      </div>
      <SearchForm label="Search parents" action="/admin/parents" defaultValue={search} />
      {parents.length > 0 ? (
        <>
          <ParentsSelection
            key={`${search}|${page}`}
            parents={pageParents}
            matchingCount={parents.length}
            search={search}
          />
          <Pagination search={search} page={page} pageCount={pageCount} />
        </>
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
