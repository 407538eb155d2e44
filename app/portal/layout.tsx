import { SiteHeader } from "@/app/_components/site-header";
import { requirePortalUser } from "@/lib/auth/session";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePortalUser();
  return (
    <>
      <SiteHeader homeHref="/portal" userName={user.name} />
      <main id="main" className="mx-auto max-w-5xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
