import type { Metadata } from "next";
import Link from "next/link";
import {
  cellClass,
  headerCellClass,
  sectionClass,
  tableClass,
  tableWrapperClass,
  textLinkClass,
} from "@/app/admin/_components/styles";
import { formatDateTime } from "@/app/admin/_lib/format";
import { parseRouteId } from "@/app/admin/_lib/route-params";
import type { CsvImportKind } from "@/db/schema";
import { requireManager } from "@/lib/auth/session";
import { describeCounts } from "@/lib/import/apply";
import { MAX_DATA_ROWS, MAX_FILE_BYTES } from "@/lib/import/csv";
import { templateHeaders } from "@/lib/import/layouts";
import type { ImportPlan } from "@/lib/import/plan";
import {
  getDryRun,
  getRecentImports,
  getUploadedFile,
  type RecentImport,
  type UploadedFile,
} from "@/lib/import/queries";
import { ImportConfirm } from "./_components/import-confirm";
import { RowsTable, type DisplayRow } from "./_components/rows-table";
import { UploadForm } from "./_components/upload-form";

export const metadata: Metadata = { title: "Import" };

// The table shows at most this many rows, so a 20,000-row file stays one page.
// The Errors only filter narrows it to the rows that need a fix.
const MAX_SHOWN_ROWS = 1000;

const PLAN_LABELS = {
  create: "Will create",
  update: "Will update",
  unchanged: "Unchanged",
  error: "Error",
};
const RESULT_LABELS = {
  created: "Created",
  updated: "Updated",
  unchanged: "Unchanged",
  error: "Not imported",
};
const KIND_LABELS: Record<CsvImportKind, string> = { students: "Students", parents: "Parents" };

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function importHref(id: number, errorsOnly = false): string {
  return `/admin/import?id=${id}${errorsOnly ? "&errors=1" : ""}`;
}

function RowFilter({
  id,
  errorsOnly,
  errorCount,
}: {
  id: number;
  errorsOnly: boolean;
  errorCount: number;
}) {
  if (errorCount === 0) return null;
  return (
    <nav aria-label="Rows shown" className="flex flex-wrap gap-4 text-sm">
      <Link
        href={importHref(id)}
        aria-current={errorsOnly ? undefined : "page"}
        className={`${textLinkClass} aria-[current=page]:font-semibold aria-[current=page]:no-underline`}
      >
        All rows
      </Link>
      <Link
        href={importHref(id, true)}
        aria-current={errorsOnly ? "page" : undefined}
        className={`${textLinkClass} aria-[current=page]:font-semibold aria-[current=page]:no-underline`}
      >
        Errors only
      </Link>
    </nav>
  );
}

function ShownRows({
  rows,
  caption,
  labels,
}: {
  rows: DisplayRow[];
  caption: string;
  labels: Record<string, string>;
}) {
  if (rows.length === 0) {
    return (
      <p className="text-sm text-zinc-700">
        No row matches this filter. Choose All rows to see every row.
      </p>
    );
  }
  return (
    <>
      {rows.length > MAX_SHOWN_ROWS ? (
        <p className="text-sm text-zinc-700">
          Showing the first {MAX_SHOWN_ROWS.toLocaleString("en-GB")} of{" "}
          {rows.length.toLocaleString("en-GB")} rows.
        </p>
      ) : null}
      <RowsTable caption={caption} rows={rows.slice(0, MAX_SHOWN_ROWS)} labels={labels} />
    </>
  );
}

function DryRun({
  file,
  plan,
  errorsOnly,
}: {
  file: UploadedFile;
  plan: ImportPlan;
  errorsOnly: boolean;
}) {
  if (!plan.ok) {
    return (
      <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
        {plan.message}
      </p>
    );
  }
  const { counts } = plan;
  const rows = errorsOnly ? plan.rows.filter((row) => row.outcome === "error") : plan.rows;
  return (
    <>
      <p role="status" className="text-sm text-zinc-800">
        <span className={counts.error > 0 ? "font-semibold text-red-800" : ""}>
          {plural(counts.error, "row")} with errors
        </span>
        , {counts.create} to create, {counts.update} to update, {counts.unchanged} unchanged. Read
        as {plan.layout === "template" ? "this product's template" : "an OpenEduCat export"}.
        Nothing has been written yet.
      </p>
      {counts.create + counts.update > 0 ? (
        <ImportConfirm
          importId={file.id}
          fingerprint={plan.fingerprint}
          createCount={counts.create}
          updateCount={counts.update}
          errorCount={counts.error}
        />
      ) : (
        <p className="text-sm text-zinc-700">
          There is nothing to import:{" "}
          {counts.error > 0
            ? "correct the rows with errors and upload the file again."
            : "every row already matches the records."}
        </p>
      )}
      <RowFilter id={file.id} errorsOnly={errorsOnly} errorCount={counts.error} />
      <ShownRows rows={rows} caption={`Dry run of ${file.fileName}`} labels={PLAN_LABELS} />
    </>
  );
}

function ImportedResult({ file, errorsOnly }: { file: UploadedFile; errorsOnly: boolean }) {
  if (!file.result) {
    return (
      <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950">
        This import started {formatDateTime(file.importedAt!)} and has no result yet: it is still
        running or stopped part-way. Reload in a moment. If nothing changes, upload the file again:
        rows already written then show as unchanged.
      </p>
    );
  }
  const { counts } = file.result;
  const rows = errorsOnly
    ? file.result.rows.filter((row) => row.outcome === "error")
    : file.result.rows;
  return (
    <>
      <p role="status" className="text-sm text-zinc-800">
        Imported {formatDateTime(file.importedAt!)}: {describeCounts(counts)}.
        {counts.error > 0
          ? " Correct the rows that were not imported and upload the file again."
          : ""}
      </p>
      <RowFilter id={file.id} errorsOnly={errorsOnly} errorCount={counts.error} />
      <ShownRows rows={rows} caption={`Import result of ${file.fileName}`} labels={RESULT_LABELS} />
    </>
  );
}

async function SelectedFile({ file, errorsOnly }: { file: UploadedFile; errorsOnly: boolean }) {
  const plan = file.importedAt ? null : await getDryRun(file);
  return (
    <section aria-labelledby="file-heading" className={sectionClass}>
      <h2 id="file-heading" className="text-lg font-semibold break-words">
        {file.importedAt ? "Import result" : "Dry run"}: {file.fileName} (
        {KIND_LABELS[file.kind].toLowerCase()})
      </h2>
      {plan ? (
        <DryRun file={file} plan={plan} errorsOnly={errorsOnly} />
      ) : (
        <ImportedResult file={file} errorsOnly={errorsOnly} />
      )}
    </section>
  );
}

function Templates() {
  return (
    <section aria-labelledby="templates-heading" className={sectionClass}>
      <h2 id="templates-heading" className="text-lg font-semibold">
        Templates and columns
      </h2>
      <ul className="flex flex-col gap-3 text-sm">
        <li className="flex flex-col gap-1">
          <a href="/admin/import/template/students" download className={textLinkClass}>
            Download the students template
          </a>
          <span className="text-zinc-700 [overflow-wrap:anywhere]">
            Columns: {templateHeaders.students.join(", ")}. Birth dates as YYYY-MM-DD; email may be
            empty.
          </span>
        </li>
        <li className="flex flex-col gap-1">
          <a href="/admin/import/template/parents" download className={textLinkClass}>
            Download the parents template
          </a>
          <span className="text-zinc-700 [overflow-wrap:anywhere]">
            Columns: {templateHeaders.parents.join(", ")}. Email is required. Separate several
            student ids with spaces or semicolons. Relationship is one of father, mother, guardian,
            grandparent, sibling, other.
          </span>
        </li>
      </ul>
      <p className="text-sm text-zinc-700">
        From OpenEduCat, export the students or parents list with the columns External ID, Name,
        Email, Phone or Mobile, Birth Date (students), and Relationship and Students/External ID
        (parents). A parent&apos;s further students on the lines below it are read too. A
        parent&apos;s links are replaced by the students in the file. Importing never creates portal
        users and never sends email.
      </p>
    </section>
  );
}

function RecentImports({
  imports,
  selectedId,
}: {
  imports: RecentImport[];
  selectedId: number | null;
}) {
  return (
    <section aria-labelledby="recent-heading" className={sectionClass}>
      <h2 id="recent-heading" className="text-lg font-semibold">
        Recent imports
      </h2>
      {imports.length === 0 ? (
        <p className="text-sm text-zinc-700">
          No file has been uploaded yet. Upload one above to see its dry run.
        </p>
      ) : (
        <div className={tableWrapperClass}>
          <table className={tableClass}>
            <caption className="sr-only">Recent imports</caption>
            <thead className="bg-zinc-50">
              <tr>
                <th scope="col" className={headerCellClass}>
                  File
                </th>
                <th scope="col" className={headerCellClass}>
                  Kind
                </th>
                <th scope="col" className={headerCellClass}>
                  Uploaded
                </th>
                <th scope="col" className={headerCellClass}>
                  State
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200">
              {imports.map((item) => (
                <tr key={item.id}>
                  <th
                    scope="row"
                    className={`${cellClass} min-w-40 font-medium [overflow-wrap:anywhere]`}
                  >
                    <Link
                      href={importHref(item.id)}
                      aria-current={item.id === selectedId ? "page" : undefined}
                      className={textLinkClass}
                    >
                      {item.fileName}
                    </Link>
                  </th>
                  <td className={cellClass}>{KIND_LABELS[item.kind]}</td>
                  <td className={`${cellClass} min-w-44`}>
                    {formatDateTime(item.createdAt)}
                    {item.uploadedBy ? ` by ${item.uploadedBy}` : ""}
                  </td>
                  <td className={`${cellClass} min-w-48`}>
                    {item.importedAt === null
                      ? "Dry run only"
                      : item.counts
                        ? `Imported: ${describeCounts(item.counts)}`
                        : "Import started, no result yet"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export default async function ImportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireManager();
  const params = await searchParams;
  const id = typeof params.id === "string" ? parseRouteId(params.id) : null;
  const errorsOnly = params.errors === "1";
  const [file, recent] = await Promise.all([
    id === null ? null : getUploadedFile({ id }),
    getRecentImports(),
  ]);

  return (
    <>
      <h1 className="text-2xl font-semibold">Import</h1>
      <p className="text-zinc-700">
        Add or update students and parents from a CSV file: this product&apos;s template or a list
        exported from OpenEduCat. Records are matched by their external id, so importing a file
        again changes only what changed.
      </p>
      <section aria-labelledby="upload-heading" className={sectionClass}>
        <h2 id="upload-heading" className="text-lg font-semibold">
          Upload a file
        </h2>
        <UploadForm maxMegabytes={MAX_FILE_BYTES / (1024 * 1024)} maxRows={MAX_DATA_ROWS} />
      </section>
      {id !== null && file === null ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          This upload was not found. Choose one from the recent imports below or upload the file
          again.
        </p>
      ) : null}
      {file ? <SelectedFile file={file} errorsOnly={errorsOnly} /> : null}
      <Templates />
      <RecentImports imports={recent} selectedId={file?.id ?? null} />
    </>
  );
}
