import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getVisibleStudentProfile } from "@/lib/access/rule";
import { requirePortalUser } from "@/lib/auth/session";
import { getFeeLinesOfStudent, totalFees } from "@/lib/fees/queries";
import { localeFromAcceptLanguage } from "@/lib/fees/rules";
import { formatMoney, formatSchoolDate, schoolToday } from "@/lib/school-calendar";
import { FeeStateBadge } from "./_components/fee-state-badge";

export const metadata: Metadata = { title: "Fees" };

const cell = "px-3 py-2 align-top";
const numberCell = `${cell} text-right tabular-nums whitespace-nowrap`;
const headerCell = "px-3 py-2 font-semibold whitespace-nowrap";

export default async function StudentFeesPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePortalUser();
  const { id } = await params;
  const studentId = /^[1-9]\d{0,11}$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(studentId)) notFound();
  const db = getDb();
  const student = await getVisibleStudentProfile(db, user.id, studentId);
  // Someone else's student and a missing one get the same 404 response.
  if (!student) notFound();
  const today = schoolToday();
  const [lines, requestHeaders] = await Promise.all([getFeeLinesOfStudent({ studentId, today }, db), headers()]);
  // Money follows the reader's locale; dates stay in the school's en-GB form, as on every portal page.
  const locale = localeFromAcceptLanguage(requestHeaders.get("accept-language"));
  const money = (amountMinor: number) => formatMoney(amountMinor, locale);
  const totals = totalFees(lines);

  return (
    <article aria-labelledby="fees-heading" className="flex flex-col gap-6">
      <p className="text-sm">
        <Link href={`/portal/students/${student.id}`} className="text-blue-700 underline">
          ← {student.name}
        </Link>
      </p>
      <h2 id="fees-heading" className="text-xl font-semibold">
        Fees: {student.name}
      </h2>
      {lines.length === 0 ? (
        <div className="rounded-lg border border-dashed border-zinc-300 bg-white p-6">
          <p className="font-medium">No fees yet.</p>
          <p className="mt-2 text-zinc-700">
            Fees appear here once the school office adds one for {student.name}.
          </p>
        </div>
      ) : (
        <>
          <section aria-labelledby="totals-heading" className="rounded-lg border border-zinc-200 bg-white p-5">
            <h2 id="totals-heading" className="text-lg font-semibold">
              To pay
            </h2>
            <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
              <dt className="font-medium text-zinc-700">Overdue</dt>
              <dd className={`tabular-nums ${totals.overdueMinor > 0 ? "font-semibold text-red-800" : ""}`}>
                {money(totals.overdueMinor)}
              </dd>
              <dt className="font-medium text-zinc-700">Due, not yet overdue</dt>
              <dd className="tabular-nums">{money(totals.dueMinor)}</dd>
            </dl>
            <p className="mt-3 text-sm text-zinc-600">As of {formatSchoolDate(today)}.</p>
          </section>
          <section aria-labelledby="lines-heading" className="rounded-lg border border-zinc-200 bg-white p-5">
            <h2 id="lines-heading" className="text-lg font-semibold">
              Fee lines
            </h2>
            <div
              role="region"
              aria-label="Fee lines table"
              tabIndex={0}
              className="relative mt-3 overflow-x-auto rounded-md border border-zinc-200 focus-visible:outline-2 focus-visible:outline-blue-700"
            >
              <table className="min-w-full divide-y divide-zinc-200 text-left text-sm">
                <caption className="sr-only">Fee lines of {student.name}, latest due date first</caption>
                <thead className="bg-zinc-50">
                  <tr>
                    <th scope="col" className={headerCell}>Description</th>
                    <th scope="col" className={headerCell}>Term</th>
                    <th scope="col" className={headerCell}>Due date</th>
                    <th scope="col" className={headerCell}>State</th>
                    <th scope="col" className={`${headerCell} text-right`}>Amount</th>
                    <th scope="col" className={`${headerCell} text-right`}>Paid</th>
                    <th scope="col" className={`${headerCell} text-right`}>Outstanding</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-zinc-200">
                  {lines.map((line) => (
                    <tr key={line.id}>
                      <th scope="row" className={`${cell} font-medium`}>
                        {line.description}
                      </th>
                      <td className={cell}>{line.term}</td>
                      <td className={`${cell} whitespace-nowrap`}>{formatSchoolDate(line.dueDate)}</td>
                      <td className={cell}>
                        <FeeStateBadge state={line.state} />
                      </td>
                      <td className={numberCell}>{money(line.amountMinor)}</td>
                      <td className={numberCell}>{money(line.paidMinor)}</td>
                      <td className={numberCell}>{money(line.outstandingMinor)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </article>
  );
}
