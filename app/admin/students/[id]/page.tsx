import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InvitationBadge } from "@/app/admin/_components/invitation-badge";
import { AuditHistory } from "@/app/admin/_components/audit-history";
import { describeInvitationStatus } from "@/app/admin/_components/invitation-status";
import { sectionClass, textLinkClass } from "@/app/admin/_components/styles";
import { parseRouteId, parseSearchQuery } from "@/app/admin/_lib/route-params";
import { relationships } from "@/db/schema";
import { requireManager } from "@/lib/auth/session";
import { getInvitationStatuses } from "@/lib/email/queries";
import { canResendInvitation, getParentInvitationStates } from "@/lib/invitation-state";
import { findParentsToLink } from "@/lib/link-candidates";
import { getParentsOfStudent, getStudentById } from "@/lib/students/queries";
import { updateStudentAction } from "../actions";
import { StudentForm } from "../_components/student-form";
import { StudentParents } from "../_components/student-parents";
import { StudentPortalUser } from "../_components/student-portal-user";

export const metadata: Metadata = { title: "Student" };

export default async function EditStudentPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireManager();
  const id = parseRouteId((await params).id);
  if (id === null) notFound();
  const student = await getStudentById({ id });
  if (!student) notFound();

  const query = await searchParams;
  const parentSearch = parseSearchQuery(query.parentSearch);
  const [linked, candidates, invitations] = await Promise.all([
    getParentsOfStudent({ studentId: id }),
    findParentsToLink({ studentId: id, search: parentSearch }),
    getInvitationStatuses({ userIds: student.user ? [student.user.id] : [] }),
  ]);
  const parentInvitations = await getParentInvitationStates({
    parentIds: linked.map((parent) => parent.parentId),
  });
  const linkedWithInvitations = linked.map((parent) => {
    const state = parentInvitations.get(parent.parentId)?.status ?? { state: "not_invited" as const };
    return {
      ...parent,
      invitationBadge: <InvitationBadge status={state} />,
      canResendInvitation: canResendInvitation(state),
    };
  });
  const invitation = student.user ? invitations.get(student.user.id) : undefined;

  return (
    <>
      <p>
        <Link href="/admin/students" className={textLinkClass}>
          Back to students
        </Link>
      </p>
      <h1 className="text-2xl font-semibold break-words">{student.name}</h1>
      {query.created === "1" ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          Student created. Link parents and create the portal user below.
        </p>
      ) : null}
      <section aria-labelledby="details-heading" className={sectionClass}>
        <h2 id="details-heading" className="text-lg font-semibold">
          Details
        </h2>
        <StudentForm action={updateStudentAction} student={student} />
      </section>
      <StudentPortalUser
        studentId={student.id}
        user={student.user}
        invitationText={invitation ? describeInvitationStatus(invitation) : null}
      />
      <StudentParents
        studentId={student.id}
        linked={linkedWithInvitations}
        candidates={candidates}
        search={parentSearch}
        relationships={relationships}
      />
      <AuditHistory subject={{ studentId: student.id }} name={student.name} />
    </>
  );
}
