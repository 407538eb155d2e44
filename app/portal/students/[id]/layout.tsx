import Link from "next/link";
import { notFound } from "next/navigation";
import { ChildSwitcher } from "@/app/portal/_components/child-switcher";
import { StudentTabs } from "@/app/portal/_components/student-tabs";
import { parseRouteId } from "@/app/admin/_lib/route-params";
import { getDb } from "@/db/client";
import { getVisibleStudents } from "@/lib/access/rule";
import { requirePortalUser } from "@/lib/auth/session";

/**
 * Frames every page about one student: the name, the switcher between the
 * user's children and the tabs. Pages below check the access rule again,
 * because Next.js renders a layout and its page in parallel.
 */
export default async function StudentLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ id: string }>;
}) {
  const user = await requirePortalUser();
  const studentId = parseRouteId((await params).id);
  if (studentId === null) notFound();
  const visible = await getVisibleStudents(getDb(), user.id);
  const student = visible.find((candidate) => candidate.id === studentId);
  // Someone else's student and a missing one get the same 404 response.
  if (!student) notFound();

  return (
    <div className="flex flex-col gap-4">
      {visible.length > 1 ? (
        <p className="text-sm">
          <Link
            href="/portal"
            className="text-blue-700 underline hover:text-blue-900 focus-visible:outline-2 focus-visible:outline-blue-700"
          >
            ← All children
          </Link>
        </p>
      ) : null}
      <h1 className="text-2xl font-semibold break-words">{student.name}</h1>
      {visible.length > 1 ? (
        <ChildSwitcher
          students={visible.map(({ id, name }) => ({ id, name }))}
          currentId={student.id}
        />
      ) : null}
      <StudentTabs studentId={student.id} studentName={student.name} />
      <div>{children}</div>
    </div>
  );
}
