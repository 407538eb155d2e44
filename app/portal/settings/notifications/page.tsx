import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePortalUser } from "@/lib/auth/session";
import { getEmailPreferences } from "@/lib/notifications/preferences";
import { PreferencesForm } from "./preferences-form";

export const metadata: Metadata = { title: "Email preferences" };

export default async function EmailPreferencesPage() {
  const user = await requirePortalUser();
  const preferences = await getEmailPreferences(getDb(), user.id);
  return (
    <section aria-labelledby="preferences-heading" className="flex flex-col gap-4">
      <p className="text-sm">
        <Link href="/portal/notifications" className="text-blue-700 underline focus-visible:outline-2 focus-visible:outline-blue-700">
          ← Notifications
        </Link>
      </p>
      <h1 id="preferences-heading" className="text-2xl font-semibold">
        Email preferences
      </h1>
      <p className="max-w-xl text-zinc-700">
        Choose how you hear about each kind of notification. Emails go to{" "}
        <strong className="[overflow-wrap:anywhere]">{user.login}</strong>. Every notification is also
        listed under Notifications, whatever you choose here.
      </p>
      <PreferencesForm preferences={preferences} />
    </section>
  );
}
