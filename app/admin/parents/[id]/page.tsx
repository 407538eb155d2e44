import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InvitationBadge } from "@/app/admin/_components/invitation-badge";
import { AuditHistory } from "@/app/admin/_components/audit-history";
import { sectionClass, textLinkClass } from "@/app/admin/_components/styles";
import { parseRouteId, parseSearchQuery } from "@/app/admin/_lib/route-params";
import { relationships } from "@/db/schema";
import { requireManager } from "@/lib/auth/session";
import { canResendInvitation, getInvitationStatuses } from "@/lib/invitation-state";
import { getParentById, getStudentsOfParent } from "@/lib/parents/queries";
import { findStudentsToLink } from "@/lib/link-candidates";
import { updateParentAction } from "../actions";
import { ParentForm } from "../_components/parent-form";
import { ParentPortalUser } from "../_components/parent-portal-user";
import { ParentStudents } from "../_components/parent-students";

export const metadata: Metadata = { title: "Parent" };

export default async function EditParentPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireManager();
  const id = parseRouteId((await params).id);
  if (id === null) notFound();
  const parent = await getParentById({ id });
  if (!parent) notFound();

  const query = await searchParams;
  const studentSearch = parseSearchQuery(query.studentSearch);
  const [linked, candidates, invitations] = await Promise.all([
    getStudentsOfParent({ parentId: id }),
    findStudentsToLink({ parentId: id, search: studentSearch }),
    getInvitationStatuses({ userIds: parent.user ? [parent.user.id] : [] }),
  ]);
  const invitation = parent.user ? invitations.get(parent.user.id) : undefined;

  return (
    <>
      <p>
        <Link href="/admin/parents" className={textLinkClass}>
          Back to parents
        </Link>
      </p>
      <h1 className="text-2xl font-semibold break-words">{parent.name}</h1>
      {query.created === "1" ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          Parent created. Link students and create the portal user below.
        </p>
      ) : null}
      <section aria-labelledby="details-heading" className={sectionClass}>
        <h2 id="details-heading" className="text-lg font-semibold">
          Details
        </h2>
        <ParentForm action={updateParentAction} parent={parent} />
      </section>
      <ParentPortalUser
        parentId={parent.id}
        user={parent.user}
        invitationBadge={invitation ? <InvitationBadge status={invitation} /> : null}
        canResendInvitation={invitation !== undefined && canResendInvitation(invitation)}
      />
      <ParentStudents
        parentId={parent.id}
        linked={linked}
        candidates={candidates}
        search={studentSearch}
        relationships={relationships}
      />
      <AuditHistory subject={{ parentId: parent.id }} name={parent.name} />
    </>
  );
}
