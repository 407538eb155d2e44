// Times the dashboard's database work alone (getDashboardByUser, the access
// rule and the six queries behind /portal) in the harness's own process.

import { openDatabase } from "@/db/client";
import { getDashboardByUser } from "@/lib/dashboard/queries";
import { summariseTimings, type TimingSummary } from "./create-parent-user";

/**
 * Loads the dashboard of one parent on each database in turn, `repetitions`
 * times after ten warm-up calls, and fails unless every call returns `children` cards.
 */
export async function timeDashboardQueries(
  schools: { file: string; parentUserId: number }[],
  today: string,
  children: number,
  repetitions: number,
): Promise<TimingSummary[]> {
  const databases = schools.map(({ file }) => openDatabase(`file:${file}`));
  const timings: number[][] = schools.map(() => []);
  try {
    for (let index = -10; index < repetitions; index += 1) {
      for (const [position, db] of databases.entries()) {
        const started = performance.now();
        const dashboard = await getDashboardByUser({ userId: schools[position].parentUserId, today }, db);
        const elapsed = performance.now() - started;
        if (dashboard.cards.length !== children) {
          throw new Error(`The dashboard in ${schools[position].file} has ${dashboard.cards.length} cards, expected ${children}`);
        }
        if (index >= 0) timings[position].push(elapsed);
      }
    }
  } finally {
    for (const db of databases) db.$client.close();
  }
  return timings.map(summariseTimings);
}
