"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import type { ActionResult } from "@/lib/actions";
import { getCurrentUser } from "@/lib/auth/session";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/notifications/queries";

const SIGNED_OUT = {
  ok: false,
  message: "Your session has ended: log in again to read your notifications.",
} as const;

const NOT_FOUND = {
  ok: false,
  message: "Notification not found. Reload the page to see your current notifications.",
} as const;

/** Returns the signed-in portal user, or null for anyone else. */
async function getPortalUser() {
  const user = await getCurrentUser();
  return user && user.role === "portal" ? user : null;
}

/** Marks one of the caller's notifications read; any other id is reported as not found. */
export async function markNotificationReadAction(
  _previous: ActionResult,
  formData: FormData,
): Promise<ActionResult> {
  const user = await getPortalUser();
  if (!user) return SIGNED_OUT;
  const parsed = z.coerce.number().int().positive().safeParse(formData.get("notificationId"));
  if (!parsed.success) return NOT_FOUND;
  try {
    if (!(await markNotificationRead(getDb(), user.id, parsed.data))) return NOT_FOUND;
  } catch (error) {
    console.error(`action markNotificationRead failed for user ${user.id}`, error);
    return { ok: false, message: "Something went wrong on our side. Try again in a moment." };
  }
  revalidatePath("/portal", "layout");
  return { ok: true, message: "Marked as read." };
}

/** Marks every unread notification of the caller read. */
export async function markAllNotificationsReadAction(): Promise<ActionResult> {
  const user = await getPortalUser();
  if (!user) return SIGNED_OUT;
  try {
    const changed = await markAllNotificationsRead(getDb(), user.id);
    revalidatePath("/portal", "layout");
    return { ok: true, message: changed === 0 ? "Nothing was unread." : "Marked all as read." };
  } catch (error) {
    console.error(`action markAllNotificationsRead failed for user ${user.id}`, error);
    return { ok: false, message: "Something went wrong on our side. Try again in a moment." };
  }
}
