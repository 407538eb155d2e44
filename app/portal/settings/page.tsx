import { redirect } from "next/navigation";
import { requirePortalUser } from "@/lib/auth/session";

export default async function SettingsPage() {
  await requirePortalUser();
  redirect("/portal/settings/notifications");
}
