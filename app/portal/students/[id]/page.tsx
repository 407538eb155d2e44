import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getVisibleStudentProfile } from "@/lib/access/rule";
import { requirePortalUser } from "@/lib/auth/session";
import { formatIsoDate, formatRelationships } from "../../format";

export const metadata: Metadata = { title: "Student" };

export default async function StudentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePortalUser();
  const { id } = await params;
  const studentId = /^[1-9]\d{0,11}$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(studentId)) notFound();
  const student = await getVisibleStudentProfile(getDb(), user.id, studentId);
  // Someone else's student and a missing one get the same 404 response.
  if (!student) notFound();

  return (
    <article aria-labelledby="student-heading">
      <p className="text-sm">
        <Link href="/portal" className="text-blue-700 underline">
          ← All students
        </Link>
      </p>
      <h1 id="student-heading" className="mt-3 text-2xl font-semibold">
        {student.name}
      </h1>
      <section aria-labelledby="profile-heading" className="mt-6 rounded-lg border border-zinc-200 bg-white p-5">
        <h2 id="profile-heading" className="text-lg font-semibold">
          Profile
        </h2>
        <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-zinc-700">Name</dt>
          <dd>{student.name}</dd>
          <dt className="font-medium text-zinc-700">Email</dt>
          <dd className="[overflow-wrap:anywhere]">{student.email ?? "Not recorded"}</dd>
          <dt className="font-medium text-zinc-700">Birth date</dt>
          <dd>{formatIsoDate(student.birthDate)}</dd>
          <dt className="font-medium text-zinc-700">Relationship</dt>
          <dd>{formatRelationships(student.relationships, student.isSelf)}</dd>
        </dl>
      </section>
      <section aria-labelledby="courses-heading" className="mt-6 rounded-lg border border-zinc-200 bg-white p-5">
        <h2 id="courses-heading" className="text-lg font-semibold">
          Enrolled courses
        </h2>
        {student.courses.length === 0 ? (
          <p className="mt-3 text-zinc-700">{student.name} is not enrolled in any course yet.</p>
        ) : (
          <ul className="mt-3 divide-y divide-zinc-200">
            {student.courses.map((course) => (
              <li key={course.id} className="flex flex-wrap justify-between gap-2 py-2">
                <span>
                  {course.name} <span className="text-sm text-zinc-600">({course.code})</span>
                </span>
                <span className="text-sm text-zinc-600">
                  Since {formatIsoDate(course.startDate)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
