import type { Metadata } from "next";
import Link from "next/link";
import { EmailCaptureNote } from "@/app/admin/_components/email-capture-note";
import {
  cellClass,
  headerCellClass,
  tableClass,
  tableWrapperClass,
  textLinkClass,
} from "@/app/admin/_components/styles";
import { formatDateTime } from "@/app/admin/_lib/format";
import { requireManager } from "@/lib/auth/session";
import { getOutboxRows, type OutboxSummary } from "@/lib/email/queries";

export const metadata: Metadata = { title: "Emails" };

const PAGE_SIZE = 200;

function DateCell({ value }: { value: Date | null }) {
  return (
    <td className={`${cellClass} whitespace-nowrap`}>
      {value ? <time dateTime={value.toISOString()}>{formatDateTime(value)}</time> : "—"}
    </td>
  );
}

function EmailRow({ email }: { email: OutboxSummary }) {
  return (
    <tr>
      <th scope="row" className={`${cellClass} font-medium [overflow-wrap:anywhere]`}>
        <Link href={`/admin/emails/${email.id}`} className={textLinkClass}>
          {email.recipient}
        </Link>
      </th>
      <td className={cellClass}>{email.template}</td>
      <td className={cellClass}>{email.status}</td>
      <td className={cellClass}>{email.attempts}</td>
      <td className={`${cellClass} max-w-xs break-words`}>{email.lastError ?? "—"}</td>
      <DateCell value={email.createdAt} />
      <DateCell value={email.sentAt} />
      <td className={cellClass}>{email.transport ?? "—"}</td>
    </tr>
  );
}

export default async function EmailsPage() {
  await requireManager();
  const { rows, total } = await getOutboxRows({ limit: PAGE_SIZE });

  return (
    <>
      <h1 className="text-2xl font-semibold">Emails</h1>
      <EmailCaptureNote />
      {rows.length === 0 ? (
        <p className="rounded-md border border-dashed border-zinc-300 bg-white p-6 text-zinc-700">
          No emails yet. Invitations appear here when a portal user is created or an invitation is
          resent.
        </p>
      ) : (
        <>
          {total > rows.length ? (
            <p className="text-sm text-zinc-700">
              Showing the newest {rows.length} of {total} emails.
            </p>
          ) : null}
          <div className={tableWrapperClass}>
            <table className={tableClass}>
              <caption className="sr-only">Emails, newest first</caption>
              <thead className="bg-zinc-50">
                <tr>
                  <th scope="col" className={headerCellClass}>Recipient</th>
                  <th scope="col" className={headerCellClass}>Template</th>
                  <th scope="col" className={headerCellClass}>Status</th>
                  <th scope="col" className={headerCellClass}>Attempts</th>
                  <th scope="col" className={headerCellClass}>Last error</th>
                  <th scope="col" className={headerCellClass}>Created</th>
                  <th scope="col" className={headerCellClass}>Sent at</th>
                  <th scope="col" className={headerCellClass}>Transport</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200">
                {rows.map((email) => (
                  <EmailRow key={email.id} email={email} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
