import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { LoadingPanel } from "@/app/_components/loading-panel";
import { ChildCard } from "@/app/portal/_components/child-card";
import { studentPagePath } from "@/app/portal/_components/student-pages";
import { getDb } from "@/db/client";
import { getVisibleStudents } from "@/lib/access/rule";
import { requirePortalUser } from "@/lib/auth/session";
import { getDashboardByUser } from "@/lib/dashboard/queries";
import { formatSchoolDate, schoolToday } from "@/lib/school-calendar";
import { localeFromAcceptLanguage } from "./format";

export const metadata: Metadata = { title: "Your children" };

export default async function PortalHome() {
  const user = await requirePortalUser();
  const visible = await getVisibleStudents(getDb(), user.id);
  // With one child there is nothing to choose, so the child's page is home.
  // This runs before anything streams, so the redirect is a real HTTP redirect.
  if (visible.length === 1) redirect(studentPagePath(visible[0].id, ""));
  const today = schoolToday();
  const heading = user.isParent ? "Your children" : "Your record";

  return (
    <section aria-labelledby="portal-heading" className="flex flex-col gap-6">
      <div>
        <h1 id="portal-heading" className="text-2xl font-semibold">
          {heading}
        </h1>
        <p className="mt-1 text-zinc-700">Today is {formatSchoolDate(today)}.</p>
      </div>
      {visible.length === 0 ? (
        <div className="rounded-lg border border-dashed border-zinc-300 bg-white p-6">
          <p className="font-medium">No student records are linked to your account yet.</p>
          <p className="mt-2 text-zinc-700">
            A child appears here once the school has linked them to you and given them a portal
            account. If you expected to see a child, contact the school office and mention the
            email you log in with: <strong>{user.login}</strong>.
          </p>
        </div>
      ) : (
        <Suspense fallback={<LoadingPanel what="your children's news" rows={visible.length * 2} />}>
          <DashboardCards userId={user.id} today={today} />
        </Suspense>
      )}
    </section>
  );
}

async function DashboardCards({ userId, today }: { userId: number; today: string }) {
  const [dashboard, requestHeaders] = await Promise.all([
    getDashboardByUser({ userId, today }),
    headers(),
  ]);
  const locale = localeFromAcceptLanguage(requestHeaders.get("accept-language"));
  return (
    <>
      {dashboard.unreadSchoolNotifications > 0 ? (
        <p className="rounded-md border border-blue-200 bg-blue-50 px-4 py-3 text-blue-900">
          <Link
            href="/portal/notifications"
            className="font-medium underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-blue-700"
          >
            {dashboard.unreadSchoolNotifications} unread school{" "}
            {dashboard.unreadSchoolNotifications === 1 ? "notice" : "notices"}
          </Link>
        </p>
      ) : null}
      <ul className="grid gap-4 sm:grid-cols-2">
        {dashboard.cards.map((card) => (
          <li key={card.student.id}>
            <ChildCard card={card} locale={locale} />
          </li>
        ))}
      </ul>
    </>
  );
}
