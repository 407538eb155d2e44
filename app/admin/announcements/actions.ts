"use server";

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { z } from "zod";
import { chosenIdField } from "@/app/admin/_lib/form-schemas";
import { revalidateAdminPages } from "@/app/admin/_lib/revalidate";
import { getDb } from "@/db/client";
import { announcementScopes } from "@/db/schema";
import { managerAction } from "@/lib/actions";
import { deliverDueEmails } from "@/lib/email/outbox";
import {
  ANNOUNCEMENT_BODY_MAX,
  ANNOUNCEMENT_TITLE_MAX,
  postAnnouncement,
  type AnnouncementInput,
} from "@/lib/notifications/announcements";
import { queueNotificationEmails } from "@/lib/notifications/email";

const titleField = z
  .string({ error: "Title is missing." })
  .trim()
  .min(1, "Title is missing: enter a short title.")
  .max(ANNOUNCEMENT_TITLE_MAX, `Title is too long: at most ${ANNOUNCEMENT_TITLE_MAX} characters.`)
  .refine((title) => !/\p{Cc}/u.test(title), "Title must be one line without control characters.");

const bodyField = z
  .string({ error: "Message is missing." })
  .transform((body) => body.replace(/\r\n?/g, "\n").trim())
  .pipe(
    z
      .string()
      .min(1, "Message is missing: enter the text of the announcement.")
      .max(ANNOUNCEMENT_BODY_MAX, `Message is too long: at most ${ANNOUNCEMENT_BODY_MAX} characters.`)
      .refine(
        (body) => !/[^\P{Cc}\n\t]/u.test(body),
        "Message must not contain control characters other than line breaks and tabs.",
      ),
  );

const courseIdField = chosenIdField("Choose a course: the audience is A course.");
const studentIdField = chosenIdField("Choose a student: the audience is A student.");

// Both selects are always sent, so the form works without JavaScript; only
// the one that the chosen audience needs is validated.
const announcementSchema = z
  .object({
    scope: z.enum(announcementScopes, {
      error: "Audience must be Everyone in the school, A course or A student.",
    }),
    courseId: z.string().optional(),
    studentId: z.string().optional(),
    title: titleField,
    body: bodyField,
  })
  .transform((fields, context): AnnouncementInput => {
    const { scope, title, body } = fields;
    if (scope === "school") return { scope, title, body };
    const [name, schema] =
      scope === "course"
        ? (["courseId", courseIdField] as const)
        : (["studentId", studentIdField] as const);
    const parsed = schema.safeParse(fields[name] ?? "");
    if (!parsed.success) {
      context.addIssue({ code: "custom", path: [name], message: parsed.error.issues[0].message });
      return z.NEVER;
    }
    return scope === "course"
      ? { scope, courseId: parsed.data, title, body }
      : { scope, studentId: parsed.data, title, body };
  });

/** Queues and sends the new notification emails once the response has been sent. */
function emailAfterResponse(): void {
  after(async () => {
    try {
      const db = getDb();
      const { outboxIds } = await queueNotificationEmails(db);
      if (outboxIds.length > 0) await deliverDueEmails(db, { ids: outboxIds });
    } catch (error) {
      // The outbox worker queues and retries these on its next run.
      console.error("announcement emails: queueing or delivery after response failed", error);
    }
  });
}

export const postAnnouncementAction = managerAction(
  "postAnnouncement",
  announcementSchema,
  async (input, { db, user }) => {
    const result = await postAnnouncement(db, input, user.id);
    if (result.status === "course_not_found") {
      return {
        ok: false,
        message: "That course no longer exists. Reload the page and choose another.",
        fieldErrors: { courseId: ["Choose another course."] },
      };
    }
    if (result.status === "student_not_found") {
      return {
        ok: false,
        message: "That student no longer exists or is archived. Reload the page and choose another.",
        fieldErrors: { studentId: ["Choose another student."] },
      };
    }
    emailAfterResponse();
    revalidateAdminPages();
    revalidatePath("/portal", "layout");
    const people = result.notified === 1 ? "1 portal user" : `${result.notified} portal users`;
    return { ok: true, message: `Announcement posted: ${people} notified.` };
  },
);
