import { SiteHeader } from "@/app/_components/site-header";
import { getDb } from "@/db/client";
import { requirePortalUser } from "@/lib/auth/session";
import { countUnreadNotifications } from "@/lib/notifications/queries";
import { NotificationsLink } from "./notifications/notifications-link";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePortalUser();
  const unread = await countUnreadNotifications(getDb(), user.id);
  return (
    <>
      <SiteHeader homeHref="/portal" userName={user.name}>
        <NotificationsLink unread={unread} />
      </SiteHeader>
      <main id="main" className="mx-auto max-w-5xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
