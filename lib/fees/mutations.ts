import { eq, inArray, sql } from "drizzle-orm";
import { writeTransaction, type Database, type Transaction } from "@/db/client";
import { fees, payments, students } from "@/db/schema";
import { schoolDateOf } from "@/lib/school-calendar";
import { outstandingMinor } from "./rules";

export type FeeFields = {
  studentId: number;
  term: string;
  description: string;
  amountMinor: number;
  dueDate: string;
};

export type CreateFeeResult =
  | { status: "created"; feeId: number }
  | { status: "student_not_found" }
  | { status: "student_archived" };

/** Adds a fee line to a student; a missing or archived student gets no fee. */
export async function createFee(db: Database, fields: FeeFields): Promise<CreateFeeResult> {
  return writeTransaction(db, async (tx) => {
    const student = await tx.query.students.findFirst({ where: eq(students.id, fields.studentId) });
    if (!student) return { status: "student_not_found" };
    if (!student.active) return { status: "student_archived" };
    const [row] = await tx.insert(fees).values(fields).returning({ id: fees.id });
    return { status: "created", feeId: row.id };
  });
}

/** Returns 1 January of the year before the school-local year in which a fee was created. */
export function earliestPaymentDate(feeCreatedAt: Date): string {
  const year = Number(schoolDateOf(feeCreatedAt).slice(0, 4)) - 1;
  return `${String(year).padStart(4, "0")}-01-01`;
}

export type RecordPaymentResult =
  | { status: "recorded"; outstandingMinor: number }
  | { status: "fee_not_found" }
  | { status: "paid_before_fee"; earliest: string }
  | { status: "above_outstanding"; outstandingMinor: number };

/**
 * Records a payment on a fee line. The outstanding amount is read in the same
 * transaction as the insert, so two managers recording at once cannot pay
 * more than the fee between them. A payment dated before 1 January of the
 * year before the fee was created is rejected as a typo.
 */
export async function recordPayment(
  db: Database,
  input: { feeId: number; amountMinor: number; paidOn: string; recordedBy: number | null },
): Promise<RecordPaymentResult> {
  return writeTransaction(db, async (tx) => {
    // Two plain queries: inside a correlated subquery Drizzle writes fees.id
    // without its table name, which SQLite then reads as payments.id.
    const [feeRow] = await tx
      .select({ amountMinor: fees.amountMinor, createdAt: fees.createdAt })
      .from(fees)
      .where(eq(fees.id, input.feeId));
    const [paid] = await tx
      .select({ paidMinor: sql<number>`coalesce(sum(${payments.amountMinor}), 0)`.mapWith(Number) })
      .from(payments)
      .where(eq(payments.feeId, input.feeId));
    const fee = feeRow ? { amountMinor: feeRow.amountMinor, paidMinor: paid?.paidMinor ?? 0 } : undefined;
    if (!fee) return { status: "fee_not_found" };
    const earliest = earliestPaymentDate(feeRow.createdAt);
    if (input.paidOn < earliest) return { status: "paid_before_fee", earliest };
    const outstanding = outstandingMinor(fee);
    if (input.amountMinor > outstanding) {
      return { status: "above_outstanding", outstandingMinor: outstanding };
    }
    await tx.insert(payments).values(input);
    return { status: "recorded", outstandingMinor: outstanding - input.amountMinor };
  });
}

/** Marks fees as notified, so the overdue scan skips them from now on. */
export async function markFeesNotified(
  tx: Transaction,
  feeIds: number[],
  now: Date,
): Promise<void> {
  if (feeIds.length === 0) return;
  await tx.update(fees).set({ overdueNotifiedAt: now }).where(inArray(fees.id, feeIds));
}
