import Link from "next/link";

/** Renders the header link to /portal/notifications with the number of unread notifications. */
export function NotificationsLink({ unread }: { unread: number }) {
  return (
    <Link
      href="/portal/notifications"
      className="inline-flex min-h-10 items-center rounded-md px-3 py-2 text-sm text-zinc-800 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-blue-700"
    >
      Notifications
      {unread > 0 ? (
        <>
          <span aria-hidden="true" className="ml-1 rounded-full bg-blue-700 px-2 text-xs font-semibold text-white">
            {unread}
          </span>
          <span className="sr-only">
            {` (${unread} unread ${unread === 1 ? "notification" : "notifications"})`}
          </span>
        </>
      ) : null}
    </Link>
  );
}
