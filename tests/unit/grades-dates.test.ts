import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { formatIsoDate } from "@/app/portal/format";
import { createFee, recordPayment } from "@/lib/fees/mutations";
import { formatSchoolDate } from "@/lib/school-calendar";
import { schoolDateField } from "@/lib/validation";
import { seedSchool, type DemoSchool } from "../support/grades-fees-fixtures";
import { countRows, createTestDatabase, type TestDatabase } from "../support/test-db";

const TODAY = "2026-12-04";
const today = () => TODAY;

function firstError(field: ReturnType<typeof schoolDateField>, value: string): string | undefined {
  const result = field.safeParse(value);
  return result.success ? undefined : result.error.issues[0].message;
}

describe("schoolDateField", () => {
  const examDate = schoolDateField({ label: "Date", example: "2026-11-20", maxYearsBefore: 5, maxYearsAfter: 2, today });
  const paidOn = schoolDateField({ label: "Paid on", example: "2026-10-01", maxYearsBefore: 10, notAfterToday: true, today });

  for (const value of ["0001-01-01", "9999-12-31", "2020-12-31", "2029-01-01"]) {
    test(`rejects ${value}`, () => {
      expect(firstError(examDate, value)).toBe(
        "Date is out of range: enter a date from 1 January 2021 to 31 December 2028.",
      );
    });
  }

  for (const value of ["2021-01-01", TODAY, "2028-12-31"]) {
    test(`accepts ${value}`, () => {
      expect(firstError(examDate, value)).toBeUndefined();
    });
  }

  test("rejects an impossible date", () => {
    expect(firstError(examDate, "2026-02-31")).toBe("Date must be a real date such as 2026-11-20.");
  });

  test("payment rejects 1900", () => {
    expect(firstError(paidOn, "1900-01-01")).toMatch(/^Paid on is out of range: enter a date from 1 January 2016/);
  });

  test("payment rejects tomorrow", () => {
    expect(firstError(paidOn, "2026-12-05")).toMatch(/^Paid on .*future/);
  });

  test("payment accepts today", () => {
    expect(firstError(paidOn, TODAY)).toBeUndefined();
  });
});

describe("two-digit years", () => {
  test("school date keeps year 99", () => {
    expect(formatSchoolDate("0099-05-01")).toBe("1 May 99");
  });

  test("portal date keeps year 5", () => {
    expect(formatIsoDate("0005-05-01")).toBe("1 May 5");
  });

  test("four-digit year unchanged", () => {
    expect(formatSchoolDate("2026-10-15", "en-GB", "medium")).toBe("15 Oct 2026");
  });
});

describe("payment date and fee creation", () => {
  let testDb: TestDatabase;
  let db: Database;
  let school: DemoSchool;
  let feeId: number;

  beforeEach(async () => {
    testDb = await createTestDatabase();
    db = testDb.db;
    school = await seedSchool(db);
    const created = await createFee(db, { studentId: school.tom, term: "Autumn 2026", description: "Tuition", amountMinor: 10000, dueDate: "2026-10-01" });
    if (created.status !== "created") throw new Error(`createFee returned ${created.status}`);
    feeId = created.feeId;
    await db.run(sql`UPDATE fees SET created_at = ${Date.UTC(2026, 8, 1)} WHERE id = ${feeId}`);
  });

  afterEach(async () => {
    await testDb.cleanup();
  });

  test("payment before last year is refused", async () => {
    const result = await recordPayment(db, { feeId, amountMinor: 100, paidOn: "2024-12-31", recordedBy: null });
    expect(result).toEqual({ status: "paid_before_fee", earliest: "2025-01-01" });
  });

  test("refused payment is not stored", async () => {
    await recordPayment(db, { feeId, amountMinor: 100, paidOn: "1900-01-01", recordedBy: null });
    expect(await countRows(db, "payments")).toBe(0);
  });

  test("payment from last year is recorded", async () => {
    const result = await recordPayment(db, { feeId, amountMinor: 100, paidOn: "2025-01-01", recordedBy: null });
    expect(result.status).toBe("recorded");
  });
});
