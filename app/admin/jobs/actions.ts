"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { revalidateAdminPages } from "@/app/admin/_lib/revalidate";
import { parseSearchQuery } from "@/app/admin/_lib/route-params";
import { managerAction } from "@/lib/actions";
import { startCreateParentUsersJob, type ParentSelection } from "@/lib/jobs/start";
import { idField } from "@/lib/validation";
import { kickBulkJob } from "./_lib/kick-job";

// A page of the parent list sends its ticked ids. Larger selections use scope "filter".
const MAX_SELECTED_IDS = 1000;

const startSchema = z.discriminatedUnion("scope", [
  z.object({
    scope: z.literal("selected"),
    parentIds: z
      .array(idField, { error: "Tick at least one parent." })
      .min(1, "Tick at least one parent.")
      .max(MAX_SELECTED_IDS, `Tick at most ${MAX_SELECTED_IDS} parents, or select all parents matching the filter.`),
  }),
  z.object({
    scope: z.literal("filter"),
    q: z.string().optional().transform((value) => parseSearchQuery(value)),
  }),
], { error: "Choose the parents again: the selection was not understood." });

export const startCreateParentUsersAction = managerAction(
  "startCreateParentUsers",
  startSchema,
  async (input, { db, user }) => {
    const selection: ParentSelection =
      input.scope === "selected" ? { parentIds: input.parentIds } : { filter: { search: input.q } };
    const started = await startCreateParentUsersJob(db, { selection, createdBy: user.id });
    if (started.status === "empty") {
      return {
        ok: false,
        message: "None of the chosen parents exists any more. Reload the list and choose again.",
      };
    }
    kickBulkJob(started.jobId);
    revalidateAdminPages();
    redirect(`/admin/jobs/${started.jobId}`);
  },
  { hiddenFields: ["scope", "parentIds", "q"] },
);
