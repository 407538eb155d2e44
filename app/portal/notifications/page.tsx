import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePortalUser } from "@/lib/auth/session";
import { notificationKindLabels, safeSitePath } from "@/lib/notifications/kinds";
import {
  countUnreadNotifications,
  getNotificationsPage,
  type NotificationItem,
} from "@/lib/notifications/queries";
import { formatSchoolDateTime } from "@/lib/notifications/time";
import { MarkAllReadForm, MarkReadForm, MarkReadStatus } from "./mark-read-forms";

export const metadata: Metadata = { title: "Notifications" };

const linkClass =
  "text-blue-700 underline hover:text-blue-900 focus-visible:outline-2 focus-visible:outline-blue-700";

/** Reads ?before=<id>; anything other than a positive integer means the newest page. */
function parseBeforeId(value: string | string[] | undefined): number | undefined {
  if (typeof value !== "string" || !/^[1-9]\d{0,15}$/.test(value)) return undefined;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : undefined;
}

function NotificationCard({ item }: { item: NotificationItem }) {
  const unread = item.readAt === null;
  const link = safeSitePath(item.link);
  const headingId = `notification-${item.id}-title`;
  return (
    <li>
      <article
        aria-labelledby={headingId}
        className={`rounded-lg border bg-white p-4 ${unread ? "border-blue-300 border-l-4 border-l-blue-700" : "border-zinc-200"}`}
      >
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-zinc-700">
          {unread ? (
            <span className="rounded bg-blue-50 px-2 font-semibold text-blue-800">Unread</span>
          ) : (
            <span className="text-zinc-600">Read</span>
          )}
          <span>{notificationKindLabels[item.kind]}</span>
          {item.studentName ? <span>· About {item.studentName}</span> : null}
          <span>
            · <time dateTime={item.createdAt.toISOString()}>{formatSchoolDateTime(item.createdAt)}</time>
          </span>
        </p>
        <h2 id={headingId} className="mt-2 text-lg font-semibold [overflow-wrap:anywhere]">
          {item.title}
        </h2>
        <p className="mt-1 whitespace-pre-line [overflow-wrap:anywhere]">{item.body}</p>
        <div className="mt-3 flex flex-wrap items-center gap-4">
          {link ? (
            <Link href={link} className={linkClass}>
              Open details<span className="sr-only">{` – ${item.title}`}</span>
            </Link>
          ) : null}
          {unread ? <MarkReadForm notificationId={item.id} title={item.title} /> : null}
        </div>
      </article>
    </li>
  );
}

export default async function NotificationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePortalUser();
  const beforeId = parseBeforeId((await searchParams).before);
  const [{ items, hasOlder }, unread] = await Promise.all([
    getNotificationsPage(getDb(), user.id, { beforeId }),
    countUnreadNotifications(getDb(), user.id),
  ]);

  return (
    <section aria-labelledby="notifications-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="notifications-heading" tabIndex={-1} className="text-2xl font-semibold focus-visible:outline-2 focus-visible:outline-blue-700">
          Notifications
        </h1>
        <Link href="/portal/settings/notifications" className={linkClass}>
          Email preferences
        </Link>
      </div>
      <MarkReadStatus focusTargetId="notifications-heading">
        {beforeId ? (
          <p className="text-sm">
            Showing older notifications.{" "}
            <Link href="/portal/notifications" className={linkClass}>
              Back to the newest
            </Link>
          </p>
        ) : null}
        {items.length === 0 ? (
          <div className="rounded-lg border border-dashed border-zinc-300 bg-white p-6 text-zinc-700">
            <p className="font-medium">{beforeId ? "No older notifications." : "No notifications yet."}</p>
            <p className="mt-2">
              Announcements from the school, absences, new results and overdue fees appear here as
              soon as they are recorded.
            </p>
          </div>
        ) : (
          <>
            {unread > 0 ? <MarkAllReadForm /> : null}
            <ul className="flex flex-col gap-3">
              {items.map((item) => (
                <NotificationCard key={item.id} item={item} />
              ))}
            </ul>
            {hasOlder ? (
              <p>
                <Link href={`/portal/notifications?before=${items[items.length - 1].id}`} className={linkClass}>
                  Show older
                </Link>
              </p>
            ) : null}
          </>
        )}
      </MarkReadStatus>
    </section>
  );
}
