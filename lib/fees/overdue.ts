import { writeTransaction, type Database } from "@/db/client";
import { getEnv } from "@/lib/env";
import { raiseStudentNotifications, type StudentEvent } from "@/lib/notifications/raise";
import { formatMoney, formatSchoolDate, schoolToday } from "@/lib/school-calendar";
import { markFeesNotified } from "./mutations";
import { getUnnotifiedOverdueFees } from "./queries";
import { outstandingMinor } from "./rules";

// Notifications are stored text, read later by readers with any locale, so
// they are written in the school's own format.
const NOTIFICATION_LOCALE = "en-GB";

/**
 * Raises one "fee overdue" notification per fee that became overdue (due
 * before today in the school's time zone and not fully paid), to the users
 * who may see the student, and marks the fee so it never notifies again.
 * A fee of a student nobody can see yet is marked too. Returns how many fees
 * were notified.
 */
export async function raiseOverdueFeeNotifications(db: Database, now = new Date()): Promise<number> {
  const today = schoolToday(now);
  const currency = getEnv().SCHOOL_CURRENCY;
  return writeTransaction(db, async (tx) => {
    const overdue = await getUnnotifiedOverdueFees(tx, today);
    if (overdue.length === 0) return 0;
    const events: StudentEvent[] = overdue.map((fee) => ({
      studentId: fee.studentId,
      kind: "fee_overdue",
      title: `Fee overdue for ${fee.studentName}`,
      body: `${fee.description} (${fee.term}): ${formatMoney(outstandingMinor(fee), NOTIFICATION_LOCALE, currency)} was due on ${formatSchoolDate(fee.dueDate, NOTIFICATION_LOCALE)}`,
      link: `/portal/students/${fee.studentId}/fees`,
    }));
    await raiseStudentNotifications(tx, events, now);
    await markFeesNotified(
      tx,
      overdue.map((fee) => fee.id),
      now,
    );
    return overdue.length;
  });
}
