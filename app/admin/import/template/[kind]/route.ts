import { csvImportKinds, type CsvImportKind } from "@/db/schema";
import { getCurrentUser } from "@/lib/auth/session";
import { buildTemplate } from "@/lib/import/layouts";

/**
 * Sends the CSV template of one kind of import file to a manager. The file
 * starts with a UTF-8 byte order mark so that spreadsheet programs read
 * accented names correctly; the importer drops it.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ kind: string }> }) {
  const user = await getCurrentUser();
  if (!user || user.role !== "manager") return new Response("Not found", { status: 404 });
  const { kind } = await params;
  if (!csvImportKinds.includes(kind as CsvImportKind))
    return new Response("Not found", { status: 404 });
  return new Response(`\uFEFF${buildTemplate(kind as CsvImportKind)}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${kind}-template.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
