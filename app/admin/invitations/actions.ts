"use server";

import { z } from "zod";
import { deliverAfterResponse } from "@/app/admin/_lib/deliver-email";
import { revalidateAdminPages } from "@/app/admin/_lib/revalidate";
import { managerAction } from "@/lib/actions";
import { getReinvitableUserIds, reportStates } from "@/lib/invitation-report";
import { MAX_REINVITES, reinviteParents } from "@/lib/reinvite-parents";
import { idField } from "@/lib/validation";
import { describeReinviteResult } from "./_lib/describe-reinvite-result";
import type { ReinviteActionResult } from "./_lib/reinvite-messages";

const reinviteInput = z
  .object({
    scope: z.enum(["selected", "all"], { error: "Choose Re-invite selected or Re-invite all matching." }),
    userIds: z
      .array(idField)
      .max(MAX_REINVITES, `Select at most ${MAX_REINVITES} parents at once.`)
      .default([]),
    // The report's filters, for the "all matching" scope.
    state: z
      .union([z.enum(reportStates), z.literal("")], {
        error: "The state filter is not one of the listed states: choose it again from the list.",
      })
      .default(""),
    q: z.string().trim().max(100, "Search is too long: at most 100 characters.").default(""),
  })
  .refine((input) => input.scope === "all" || input.userIds.length > 0, {
    message: "No parent is selected: tick at least one row, or click Re-invite all matching.",
  });

const reinvite = managerAction(
  "reinviteParents",
  reinviteInput,
  async ({ scope, userIds, state, q }, { db }) => {
    let ids = userIds;
    let matching: number | null = null;
    if (scope === "all") {
      const found = await getReinvitableUserIds({ state: state || undefined, search: q || undefined }, db);
      if (found.total === 0) {
        return {
          ok: false,
          message: "No matching parent can be re-invited: their invitations are queued or accepted.",
        };
      }
      ids = found.userIds;
      matching = found.total;
    }
    const rows = await reinviteParents(db, ids);
    deliverAfterResponse(rows.flatMap((row) => (row.outboxId === null ? [] : [row.outboxId])));
    revalidateAdminPages();
    return describeReinviteResult(rows, matching);
  },
  { hiddenFields: ["scope", "userIds", "state", "q"] },
);

/** Queues fresh invitations for the selected parents, or for every matching one up to the cap. */
export async function reinviteParentsAction(
  previous: ReinviteActionResult,
  formData: FormData,
): Promise<ReinviteActionResult> {
  return reinvite(previous, formData);
}
