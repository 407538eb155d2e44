import { revalidatePath } from "next/cache";

/**
 * Refreshes every page under /admin. A change to one parent or student shows
 * on several pages (lists, both sides of a link, the outbox), so the whole
 * section is refreshed rather than guessing which pages are affected.
 */
export function revalidateAdminPages(): void {
  revalidatePath("/admin", "layout");
}
