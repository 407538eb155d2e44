import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { parseRouteId } from "@/app/admin/_lib/route-params";
import { getDb } from "@/db/client";
import { getVisibleStudentProfile } from "@/lib/access/rule";
import { requirePortalUser } from "@/lib/auth/session";
import { getCoursesByStudent } from "@/lib/dashboard/courses";
import { formatIsoDate, formatRelationships } from "../../format";

export const metadata: Metadata = { title: "Student" };

const sectionClass = "rounded-lg border border-zinc-200 bg-white p-5";

export default async function StudentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePortalUser();
  const studentId = parseRouteId((await params).id);
  if (studentId === null) notFound();
  const db = getDb();
  const student = await getVisibleStudentProfile(db, user.id, studentId);
  // Someone else's student and a missing one get the same 404 response.
  if (!student) notFound();
  const courses = await getCoursesByStudent({ studentId }, db);

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="profile-heading" className={sectionClass}>
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
      <section aria-labelledby="courses-heading" className={sectionClass}>
        <h2 id="courses-heading" className="text-lg font-semibold">
          Courses
        </h2>
        {courses.length === 0 ? (
          <p className="mt-3 text-zinc-700">
            {student.name} is not enrolled in any course yet. The school office adds courses at
            the start of each term.
          </p>
        ) : (
          <ul className="mt-3 divide-y divide-zinc-200">
            {courses.map((course) => (
              <li key={course.id} className="py-3">
                <h3 className="font-semibold">
                  {course.name} <span className="text-sm font-normal text-zinc-600">({course.code})</span>
                </h3>
                <p className="mt-1 text-sm text-zinc-700">
                  {course.batch ? `${course.batch} · ` : ""}Since {formatIsoDate(course.startDate)}
                </p>
                {course.subjects.length === 0 ? (
                  <p className="mt-2 text-sm text-zinc-700">No subjects are listed for this course.</p>
                ) : (
                  <ul className="mt-2 flex flex-col gap-1 text-sm" aria-label={`Subjects of ${course.name}`}>
                    {course.subjects.map((subject) => (
                      <li key={subject.id}>
                        <span className="font-medium">{subject.name}</span>
                        <span className="text-zinc-700">
                          {subject.teacherName ? `, taught by ${subject.teacherName}` : ", teacher not yet assigned"}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
