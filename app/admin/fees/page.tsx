import type { Metadata } from "next";
import { sectionClass } from "@/app/admin/_components/styles";
import { requireManager } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { getAllFeeLines } from "@/lib/fees/queries";
import { currencyFractionDigits, exampleAmount } from "@/lib/fees/rules";
import { formatSchoolDate, schoolToday } from "@/lib/school-calendar";
import { getStudentNames } from "@/lib/students/queries";
import { FeeForm } from "./_components/fee-form";
import { FeeLinesTable } from "./_components/fee-lines-table";

export const metadata: Metadata = { title: "Fees" };

export default async function FeesPage() {
  await requireManager();
  const today = schoolToday();
  const currency = getEnv().SCHOOL_CURRENCY;
  // NOTE: every fee line is listed on one page; there is no paging or filter yet.
  const [lines, students] = await Promise.all([getAllFeeLines({ today }), getStudentNames()]);

  return (
    <>
      <h1 className="text-2xl font-semibold">Fees</h1>
      <section className={sectionClass}>
        {students.length > 0 ? (
          <FeeForm
            students={students}
            currency={currency}
            amountExample={exampleAmount(currencyFractionDigits(currency))}
          />
        ) : (
          <p className="text-sm text-zinc-700">Fees belong to a student, and there are no students yet.</p>
        )}
      </section>
      <section aria-labelledby="fee-lines-heading" className={sectionClass}>
        <h2 id="fee-lines-heading" className="text-lg font-semibold">
          Fee lines
        </h2>
        <p className="text-sm text-zinc-700">States as of {formatSchoolDate(today)}, the school&apos;s date today.</p>
        {lines.length > 0 ? (
          <FeeLinesTable lines={lines} caption="Fee lines, latest due date first" />
        ) : (
          <p className="text-sm text-zinc-700">No fees have been added yet. Add the first one above.</p>
        )}
      </section>
    </>
  );
}
