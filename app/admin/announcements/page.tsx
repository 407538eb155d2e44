import type { Metadata } from "next";
import { sectionClass } from "@/app/admin/_components/styles";
import { formatDateTime } from "@/app/admin/_lib/format";
import { getDb } from "@/db/client";
import { requireManager } from "@/lib/auth/session";
import {
  ANNOUNCEMENT_BODY_MAX,
  getAnnouncementAudiences,
  getRecentAnnouncements,
  type AnnouncementSummary,
} from "@/lib/notifications/announcements";
import { postAnnouncementAction } from "./actions";
import { AnnouncementForm } from "./_components/announcement-form";

export const metadata: Metadata = { title: "Announcements" };

const LIST_LIMIT = 50;

function describeAudience(announcement: AnnouncementSummary): string {
  switch (announcement.scope) {
    case "school":
      return "Everyone in the school";
    case "course":
      return announcement.courseCode
        ? `Course ${announcement.courseCode} · ${announcement.courseName}`
        : "A course that was deleted";
    case "student":
      return announcement.studentName ? `Student ${announcement.studentName}` : "A student who was deleted";
  }
}

export default async function AnnouncementsPage() {
  await requireManager();
  const db = getDb();
  const [audiences, announcements] = await Promise.all([
    getAnnouncementAudiences(db),
    getRecentAnnouncements(db, { limit: LIST_LIMIT }),
  ]);

  return (
    <>
      <h1 className="text-2xl font-semibold">Announcements</h1>
      <section aria-labelledby="new-announcement-heading" className={sectionClass}>
        <h2 id="new-announcement-heading" className="text-lg font-semibold">
          New announcement
        </h2>
        <p className="text-sm text-zinc-700">
          Parents and students in the audience see it under Notifications in the portal, and get
          an email unless they turned announcement emails off.
        </p>
        <AnnouncementForm
          action={postAnnouncementAction}
          courses={audiences.courses}
          students={audiences.students}
          bodyMax={ANNOUNCEMENT_BODY_MAX}
        />
      </section>
      <section aria-labelledby="past-announcements-heading" className="flex flex-col gap-3">
        <h2 id="past-announcements-heading" className="text-lg font-semibold">
          Past announcements
        </h2>
        {announcements.length === 0 ? (
          <p className="rounded-md border border-dashed border-zinc-300 bg-white p-6 text-zinc-700">
            No announcements yet. Post one above to notify the school, a course or one student&apos;s
            family.
          </p>
        ) : (
          <ul className="flex flex-col gap-3">
            {announcements.map((announcement) => (
              <li key={announcement.id} className="rounded-md border border-zinc-200 bg-white p-4">
                <h3 className="font-semibold [overflow-wrap:anywhere]">{announcement.title}</h3>
                <p className="mt-1 text-sm text-zinc-700">
                  {describeAudience(announcement)} ·{" "}
                  <time dateTime={announcement.createdAt.toISOString()}>
                    {formatDateTime(announcement.createdAt)}
                  </time>
                  {announcement.authorName ? ` · by ${announcement.authorName}` : ""}
                </p>
                <p className="mt-2 whitespace-pre-line [overflow-wrap:anywhere]">{announcement.body}</p>
              </li>
            ))}
          </ul>
        )}
        {announcements.length === LIST_LIMIT ? (
          <p className="text-sm text-zinc-700">Showing the newest {LIST_LIMIT} announcements.</p>
        ) : null}
      </section>
    </>
  );
}
