import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FeeStateBadge } from "@/app/portal/students/[id]/fees/_components/fee-state-badge";
import {
  cellClass,
  headerCellClass,
  sectionClass,
  tableClass,
  tableWrapperClass,
  textLinkClass,
} from "@/app/admin/_components/styles";
import { parseRouteId } from "@/app/admin/_lib/route-params";
import { requireManager } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { getFeeLineById, getPaymentsOfFee } from "@/lib/fees/queries";
import { currencyFractionDigits, exampleAmount } from "@/lib/fees/rules";
import { formatMoney, formatSchoolDate, schoolToday } from "@/lib/school-calendar";
import { PaymentForm } from "../_components/payment-form";

export const metadata: Metadata = { title: "Fee" };

export default async function FeePage({ params }: { params: Promise<{ id: string }> }) {
  await requireManager();
  const feeId = parseRouteId((await params).id);
  if (feeId === null) notFound();
  const today = schoolToday();
  const [line, payments] = await Promise.all([getFeeLineById({ id: feeId, today }), getPaymentsOfFee({ feeId })]);
  if (!line) notFound();
  const currency = getEnv().SCHOOL_CURRENCY;

  return (
    <>
      <p>
        <Link href="/admin/fees" className={textLinkClass}>
          Back to fees
        </Link>
      </p>
      <h1 className="text-2xl font-semibold break-words">
        {line.description}: {line.studentName}
      </h1>
      <section aria-labelledby="fee-heading" className={sectionClass}>
        <h2 id="fee-heading" className="text-lg font-semibold">
          Fee line
        </h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-zinc-700">Student</dt>
          <dd>{line.studentName}</dd>
          <dt className="font-medium text-zinc-700">Term</dt>
          <dd>{line.term}</dd>
          <dt className="font-medium text-zinc-700">Due date</dt>
          <dd>{formatSchoolDate(line.dueDate)}</dd>
          <dt className="font-medium text-zinc-700">State</dt>
          <dd>
            <FeeStateBadge state={line.state} />
          </dd>
          <dt className="font-medium text-zinc-700">Amount</dt>
          <dd>{formatMoney(line.amountMinor)}</dd>
          <dt className="font-medium text-zinc-700">Paid</dt>
          <dd>{formatMoney(line.paidMinor)}</dd>
          <dt className="font-medium text-zinc-700">Outstanding</dt>
          <dd>{formatMoney(line.outstandingMinor)}</dd>
        </dl>
      </section>
      <section className={sectionClass}>
        {line.outstandingMinor > 0 ? (
          <PaymentForm
            feeId={line.id}
            today={today}
            currency={currency}
            amountExample={exampleAmount(currencyFractionDigits(currency))}
          />
        ) : (
          <p className="text-sm text-zinc-700">This fee is paid in full, so there is nothing left to record.</p>
        )}
      </section>
      <section aria-labelledby="payments-heading" className={sectionClass}>
        <h2 id="payments-heading" className="text-lg font-semibold">
          Payments
        </h2>
        {payments.length > 0 ? (
          <div role="region" aria-label="Payments table" tabIndex={0} className={`${tableWrapperClass} relative focus-visible:outline-2 focus-visible:outline-blue-700`}>
            <table className={tableClass}>
              <caption className="sr-only">Payments on this fee, newest first</caption>
              <thead className="bg-zinc-50">
                <tr>
                  <th scope="col" className={headerCellClass}>Paid on</th>
                  <th scope="col" className={`${headerCellClass} text-right`}>Amount</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200">
                {payments.map((payment) => (
                  <tr key={payment.id}>
                    <th scope="row" className={`${cellClass} font-normal`}>
                      {formatSchoolDate(payment.paidOn)}
                    </th>
                    <td className={`${cellClass} text-right tabular-nums`}>{formatMoney(payment.amountMinor)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="text-sm text-zinc-700">No payments have been recorded on this fee yet.</p>
        )}
      </section>
    </>
  );
}
