import type { Metadata } from "next";
import { SiteHeader } from "@/app/_components/site-header";
import { requireManager } from "@/lib/auth/session";
import { AdminNav } from "./_components/admin-nav";

export const metadata: Metadata = {
  title: { default: "Manage", template: "%s · Manage · Parent Portal" },
};

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const manager = await requireManager();
  return (
    <>
      <SiteHeader homeHref="/admin/parents" userName={manager.name}>
        <AdminNav />
      </SiteHeader>
      <main id="main" className="mx-auto flex max-w-5xl flex-col gap-6 px-4 py-6">
        {children}
      </main>
    </>
  );
}
