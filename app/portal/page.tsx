import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { getVisibleStudents } from "@/lib/access/rule";
import { requirePortalUser } from "@/lib/auth/session";
import { formatIsoDate, formatRelationships } from "./format";

export const metadata: Metadata = { title: "Your children" };

export default async function PortalHome() {
  const user = await requirePortalUser();
  const students = await getVisibleStudents(getDb(), user.id);
  const heading = user.isParent ? "Your children" : "Your record";

  if (students.length === 0) {
    return (
      <section aria-labelledby="portal-heading">
        <h1 id="portal-heading" className="text-2xl font-semibold">
          {heading}
        </h1>
        <div className="mt-6 rounded-lg border border-dashed border-zinc-300 bg-white p-6">
          <p className="font-medium">No student records are linked to your account yet.</p>
          <p className="mt-2 text-zinc-700">
            A child appears here once the school has linked them to you and given them a portal
            account. If you expected to see a child, contact the school office and mention the
            email you log in with: <strong>{user.login}</strong>.
          </p>
        </div>
      </section>
    );
  }

  return (
    <section aria-labelledby="portal-heading">
      <h1 id="portal-heading" className="text-2xl font-semibold">
        {heading}
      </h1>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2">
        {students.map((student) => (
          <li key={student.id} className="rounded-lg border border-zinc-200 bg-white p-5 shadow-sm">
            <h2 className="text-lg font-semibold">
              <Link
                href={`/portal/students/${student.id}`}
                className="text-blue-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-700"
              >
                {student.name}
              </Link>
            </h2>
            <p className="mt-1 text-sm text-zinc-700">
              {formatRelationships(student.relationships, student.isSelf)} · Born{" "}
              {formatIsoDate(student.birthDate)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
