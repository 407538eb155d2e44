import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InvitationBadge } from "@/app/admin/_components/invitation-badge";
import { AuditHistory } from "@/app/admin/_components/audit-history";
import { sectionClass, textLinkClass } from "@/app/admin/_components/styles";
import { formatDateTime } from "@/app/admin/_lib/format";
import { parseRouteId } from "@/app/admin/_lib/route-params";
import { requireManager } from "@/lib/auth/session";
import { canResendInvitation, getInvitationStatuses } from "@/lib/invitation-state";
import { getUserById } from "@/lib/users/queries";
import { UserActions } from "../_components/user-actions";
import { kindLabels, roleLabels, stateLabels } from "../_lib/labels";

export const metadata: Metadata = { title: "User" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const manager = await requireManager();
  const id = parseRouteId((await params).id);
  if (id === null) notFound();
  const user = await getUserById({ id, viewerId: manager.id });
  if (!user) notFound();
  const invitation = (await getInvitationStatuses({ userIds: [user.id] })).get(user.id);

  const facts: [string, React.ReactNode][] = [
    ["Login", user.login],
    ["Role", roleLabels[user.role]],
    ["Kind", kindLabels[user.kind]],
    ["State", stateLabels[user.state]],
    ["Invitation", invitation ? <InvitationBadge status={invitation} /> : "—"],
    ["Last login", user.lastLoginAt ? formatDateTime(user.lastLoginAt) : "Never"],
  ];
  return (
    <>
      <p>
        <Link href="/admin/users" className={textLinkClass}>
          Back to users
        </Link>
      </p>
      <h1 className="text-2xl font-semibold break-words">{user.name}</h1>
      <section aria-labelledby="details-heading" className={sectionClass}>
        <h2 id="details-heading" className="text-lg font-semibold">
          Details
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {facts.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="font-medium text-zinc-700">{term}</dt>
              <dd className="[overflow-wrap:anywhere]">{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <UserActions
        user={user}
        canResendInvitation={
          user.state === "invited" && invitation !== undefined && canResendInvitation(invitation)
        }
      />
      <AuditHistory subject={{ userId: user.id }} name={user.name} />
    </>
  );
}
