import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { fees, payments, students } from "@/db/schema";
import { feeStateOn, outstandingMinor, type FeeState } from "./rules";

export type FeeLine = {
  id: number;
  studentId: number;
  studentName: string;
  term: string;
  description: string;
  amountMinor: number;
  dueDate: string;
  paidMinor: number;
  outstandingMinor: number;
  state: FeeState;
};

/** The total paid per fee, as a subquery to join on fees.id. */
function paidPerFee(db: Executor) {
  return db
    .select({
      feeId: payments.feeId,
      paidMinor: sql<number>`sum(${payments.amountMinor})`.as("paid_minor"),
    })
    .from(payments)
    .groupBy(payments.feeId)
    .as("paid_per_fee");
}

/** Reads fee lines with what has been paid on each, in one query. */
async function selectFeeLines(
  db: Executor,
  where: SQL | undefined,
  today: string,
): Promise<FeeLine[]> {
  const paid = paidPerFee(db);
  const rows = await db
    .select({
      id: fees.id,
      studentId: fees.studentId,
      studentName: students.name,
      term: fees.term,
      description: fees.description,
      amountMinor: fees.amountMinor,
      dueDate: fees.dueDate,
      paidMinor: sql<number>`coalesce(${paid.paidMinor}, 0)`.mapWith(Number),
    })
    .from(fees)
    .innerJoin(students, eq(students.id, fees.studentId))
    .leftJoin(paid, eq(paid.feeId, fees.id))
    .where(where)
    .orderBy(desc(fees.dueDate), asc(students.name), asc(fees.id));
  return rows.map((row) => ({
    ...row,
    outstandingMinor: outstandingMinor(row),
    state: feeStateOn(row, today),
  }));
}

/** Returns every fee line of every student, newest due date first, with its state on `today`. */
export function getAllFeeLines({ today }: { today: string }, db: Executor = getDb()) {
  return selectFeeLines(db, undefined, today);
}

/** Returns one student's fee lines, newest due date first, with their state on `today`. */
export function getFeeLinesOfStudent(
  { studentId, today }: { studentId: number; today: string },
  db: Executor = getDb(),
) {
  return selectFeeLines(db, eq(fees.studentId, studentId), today);
}

/** Returns one fee line, or null when it does not exist. */
export async function getFeeLineById(
  { id, today }: { id: number; today: string },
  db: Executor = getDb(),
): Promise<FeeLine | null> {
  const [line] = await selectFeeLines(db, eq(fees.id, id), today);
  return line ?? null;
}

export type Payment = { id: number; amountMinor: number; paidOn: string };

/** Returns the payments recorded on a fee, newest first. */
export function getPaymentsOfFee({ feeId }: { feeId: number }, db: Executor = getDb()): Promise<Payment[]> {
  return db
    .select({ id: payments.id, amountMinor: payments.amountMinor, paidOn: payments.paidOn })
    .from(payments)
    .where(eq(payments.feeId, feeId))
    .orderBy(desc(payments.paidOn), desc(payments.id));
}

export type FeeTotals = { dueMinor: number; overdueMinor: number };

/** Adds up what is outstanding on lines that are due and on lines that are overdue. */
export function totalFees(lines: FeeLine[]): FeeTotals {
  const totals = { dueMinor: 0, overdueMinor: 0 };
  for (const line of lines) {
    if (line.state === "due") totals.dueMinor += line.outstandingMinor;
    if (line.state === "overdue") totals.overdueMinor += line.outstandingMinor;
  }
  return totals;
}

/** Returns fees that are overdue on `today`, not fully paid and not yet notified, with the total paid. */
export async function getUnnotifiedOverdueFees(db: Executor, today: string) {
  // Summed per fee with table names written out, so only the payments of the
  // fees that pass the index on unnotified fees are read.
  const paidMinor = sql<number>`(SELECT coalesce(sum("payments"."amount_minor"), 0) FROM "payments" WHERE "payments"."fee_id" = "fees"."id")`;
  return db
    .select({
      id: fees.id,
      studentId: fees.studentId,
      studentName: students.name,
      term: fees.term,
      description: fees.description,
      amountMinor: fees.amountMinor,
      dueDate: fees.dueDate,
      paidMinor: paidMinor.mapWith(Number),
    })
    .from(fees)
    .innerJoin(students, eq(students.id, fees.studentId))
    .where(
      and(
        sql`${fees.dueDate} < ${today}`,
        sql`${fees.overdueNotifiedAt} IS NULL`,
        sql`${paidMinor} < ${fees.amountMinor}`,
      ),
    )
    // The unary plus stops SQLite from walking the whole table in id order, so
    // it reads the partial index of unnotified fees and sorts the rows found.
    .orderBy(sql`+${fees.id}`);
}
