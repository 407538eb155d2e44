"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { formDataToObject, type ActionResult } from "@/lib/actions";
import { getCurrentUser } from "@/lib/auth/session";
import { emailModes, notificationKindLabels } from "@/lib/notifications/kinds";
import { saveEmailPreferences } from "@/lib/notifications/preferences";

function modeField(label: string) {
  return z.enum(emailModes, {
    error: `${label}: choose Immediately, Daily digest or Off.`,
  });
}

const preferencesSchema = z.object({
  announcement: modeField(notificationKindLabels.announcement),
  absence: modeField(notificationKindLabels.absence),
  result: modeField(notificationKindLabels.result),
  fee_overdue: modeField(notificationKindLabels.fee_overdue),
});

/** Saves the caller's email mode for every notification kind. */
export async function saveEmailPreferencesAction(
  _previous: ActionResult,
  formData: FormData,
): Promise<ActionResult> {
  const user = await getCurrentUser();
  if (!user || user.role !== "portal") {
    return { ok: false, message: "Your session has ended: log in again to change your email preferences." };
  }
  const parsed = preferencesSchema.safeParse(formDataToObject(formData));
  if (!parsed.success) {
    return {
      ok: false,
      message: "Some choices need attention: see the messages below them.",
      fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>,
    };
  }
  try {
    await saveEmailPreferences(getDb(), user.id, parsed.data);
  } catch (error) {
    console.error(`action saveEmailPreferences failed for user ${user.id}`, error);
    return { ok: false, message: "Something went wrong on our side and nothing was saved. Try again in a moment." };
  }
  revalidatePath("/portal/settings/notifications");
  return { ok: true, message: "Preferences saved." };
}
