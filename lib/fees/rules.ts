export type FeeState = "paid" | "due" | "overdue";

/**
 * Returns a fee line's state on a school-local date (YYYY-MM-DD): paid once
 * payments cover the amount, overdue from the day after the due date, due before.
 */
export function feeStateOn(
  fee: { amountMinor: number; paidMinor: number; dueDate: string },
  today: string,
): FeeState {
  if (fee.paidMinor >= fee.amountMinor) return "paid";
  return fee.dueDate < today ? "overdue" : "due";
}

/** Returns what is still owed on a fee line, never below zero. */
export function outstandingMinor(fee: { amountMinor: number; paidMinor: number }): number {
  return Math.max(0, fee.amountMinor - fee.paidMinor);
}
