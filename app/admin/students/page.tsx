import type { Metadata } from "next";
import Link from "next/link";
import { SearchForm } from "@/app/admin/_components/search-form";
import { buttonLinkClass } from "@/app/admin/_components/styles";
import { parseSearchQuery } from "@/app/admin/_lib/route-params";
import { requireManager } from "@/lib/auth/session";
import { getStudents } from "@/lib/students/queries";
import { StudentsTable } from "./_components/students-table";

export const metadata: Metadata = { title: "Students" };

export default async function StudentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireManager();
  const search = parseSearchQuery((await searchParams).q);
  const students = await getStudents({ search });

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Students</h1>
        <Link href="/admin/students/new" className={buttonLinkClass}>
          New student
        </Link>
      </div>
      <SearchForm label="Search students" action="/admin/students" defaultValue={search} />
      {students.length > 0 ? (
        <StudentsTable students={students} />
      ) : (
        <p className="rounded-md border border-dashed border-zinc-300 bg-white p-6 text-zinc-700">
          {search
            ? `No student's name or email contains "${search}".`
            : "There are no students yet. Click New student to add the first one."}
        </p>
      )}
    </>
  );
}
