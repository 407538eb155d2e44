"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { revalidateAdminPages } from "@/app/admin/_lib/revalidate";
import { csvImportKinds } from "@/db/schema";
import { managerAction, NOT_A_MANAGER_RESULT, type ActionResult } from "@/lib/actions";
import { getCurrentUser } from "@/lib/auth/session";
import { applyImport, describeCounts } from "@/lib/import/apply";
import { MAX_FILE_BYTES } from "@/lib/import/csv";
import { readImportFile } from "@/lib/import/plan";
import { saveUploadedFile } from "@/lib/import/queries";
import { idField } from "@/lib/validation";

const FILE_NAME_MAX = 200;
const DRY_RUN_MISSING = "The dry run is missing: upload the file again.";

const uploadSchema = z
  .object({
    kind: z.enum(csvImportKinds, { error: "Kind of file is missing: choose students or parents." }),
    fileName: z.string().trim().max(FILE_NAME_MAX),
    fileSize: z.coerce.number().int().nonnegative(),
    file: z.string(),
  })
  .superRefine((input, context) => {
    if (input.fileName === "" || input.fileSize === 0) {
      context.addIssue({
        code: "custom",
        path: ["file"],
        message: "File is missing or empty: choose a CSV file.",
      });
    } else if (!/\.(csv|txt)$/i.test(input.fileName)) {
      context.addIssue({
        code: "custom",
        path: ["file"],
        message: `"${input.fileName}" is not a CSV file: save the sheet as CSV (.csv) and choose that file.`,
      });
    } else if (input.fileSize > MAX_FILE_BYTES) {
      context.addIssue({
        code: "custom",
        path: ["file"],
        message: `The file is over the limit of ${MAX_FILE_BYTES / (1024 * 1024)} MB: split it into smaller files.`,
      });
    }
  });

const storeUploadedFile = managerAction(
  "uploadImportFile",
  uploadSchema,
  async (input, { db, user }) => {
    const file = readImportFile(input.kind, input.file);
    if (!file.ok)
      return {
        ok: false,
        message: "The file could not be read: see the message under the file field.",
        fieldErrors: { file: [file.message] },
      };
    const id = await saveUploadedFile(db, {
      kind: input.kind,
      fileName: input.fileName,
      content: input.file,
      createdBy: user.id,
    });
    revalidateAdminPages();
    redirect(`/admin/import?id=${id}`);
  },
);

/**
 * Stores an uploaded CSV file for its dry run. managerAction reads only text
 * fields, so the file is passed on as text with its name and size. A file
 * over the size limit, or sent without a manager session, is not read at all.
 */
export async function uploadImportFileAction(
  previous: ActionResult,
  formData: FormData,
): Promise<ActionResult> {
  const user = await getCurrentUser();
  if (!user || user.role !== "manager") return NOT_A_MANAGER_RESULT;
  const upload = formData.get("file");
  const forwarded = new FormData();
  forwarded.set("kind", String(formData.get("kind") ?? ""));
  const isFile = upload instanceof File;
  forwarded.set("fileName", isFile ? upload.name.slice(0, FILE_NAME_MAX + 1) : "");
  forwarded.set("fileSize", String(isFile ? upload.size : 0));
  forwarded.set("file", isFile && upload.size <= MAX_FILE_BYTES ? await upload.text() : "");
  return storeUploadedFile(previous, forwarded);
}

export const applyImportAction = managerAction(
  "applyImport",
  z.object({
    importId: idField,
    fingerprint: z.string({ error: DRY_RUN_MISSING }).regex(/^[0-9a-f]{64}$/, DRY_RUN_MISSING),
  }),
  async (input, { db }) => {
    const result = await applyImport(db, input);
    revalidateAdminPages();
    switch (result.status) {
      case "imported":
        return { ok: true, message: `Import finished: ${describeCounts(result.result.counts)}.` };
      case "stale":
        return {
          ok: false,
          message:
            "The records changed since this dry run, so nothing was imported. The table now shows a new dry run: check it and import again.",
        };
      case "already_imported":
        return { ok: false, message: "This file was already imported. Its result is shown below." };
      case "invalid_file":
        return { ok: false, message: result.message };
      case "not_found":
        return { ok: false, message: "This upload no longer exists. Upload the file again." };
    }
  },
  { hiddenFields: ["importId", "fingerprint"] },
);
