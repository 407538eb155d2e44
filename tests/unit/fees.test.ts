import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Database } from "@/db/client";
import { createFee, recordPayment } from "@/lib/fees/mutations";
import { raiseOverdueFeeNotifications } from "@/lib/fees/overdue";
import { getFeeLinesOfStudent, totalFees } from "@/lib/fees/queries";
import {
  currencyFractionDigits,
  feeStateOn,
  localeFromAcceptLanguage,
  outstandingMinor,
  parseAmountToMinor,
} from "@/lib/fees/rules";
import { formatMoney } from "@/lib/school-calendar";
import { setStudentsActive } from "@/lib/students/mutations";
import { readNotifications, seedSchool, type DemoSchool } from "../support/grades-fees-fixtures";
import { countRows, createTestDatabase, type TestDatabase } from "../support/test-db";

describe("parseAmountToMinor", () => {
  const accepted = [
    { text: "125.5", minor: 12550 },
    { text: "125.50", minor: 12550 },
    { text: "125", minor: 12500 },
    { text: " 0.1 ", minor: 10 },
    { text: "0.2", minor: 20 },
    { text: "0.3", minor: 30 },
    { text: "1.15", minor: 115 },
    { text: "007.05", minor: 705 },
    { text: "9999999.99", minor: 999999999 },
  ];
  for (const { text, minor } of accepted) {
    test(`"${text}" is ${minor}`, () => {
      expect(parseAmountToMinor(text, 2)).toEqual({ ok: true, amountMinor: minor });
    });
  }

  test("0.1 plus 0.2 is exactly 0.3", () => {
    const a = parseAmountToMinor("0.1", 2);
    const b = parseAmountToMinor("0.2", 2);
    const c = parseAmountToMinor("0.3", 2);
    expect(a.ok && b.ok && a.amountMinor + b.amountMinor).toBe(c.ok && c.amountMinor);
  });

  const rejected = [
    { text: "1,000.00", message: /without thousands separators/ },
    { text: "1 000", message: /without thousands separators/ },
    { text: "-5", message: /more than zero/ },
    { text: "0", message: /more than zero/ },
    { text: "0.00", message: /more than zero/ },
    { text: "1.234", message: /at most 2/ },
    { text: "10000000", message: /too large/ },
    { text: "99999999999999999999", message: /too large/ },
    { text: "", message: /missing/ },
    { text: "abc", message: /must be a number/ },
    { text: ".5", message: /must be a number/ },
    { text: "5.", message: /must be a number/ },
    { text: "1e3", message: /must be a number/ },
    { text: "12,50", message: /without thousands separators/ },
  ];
  for (const { text, message } of rejected) {
    test(`rejects "${text}"`, () => {
      const result = parseAmountToMinor(text, 2);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message).toMatch(message);
    });
  }

  test("message names the field", () => {
    const result = parseAmountToMinor("x", 2, "Amount");
    expect(!result.ok && result.message).toMatch(/^Amount /);
  });

  test("JPY has no decimals", () => {
    expect(currencyFractionDigits("JPY")).toBe(0);
  });

  test("JPY whole amount", () => {
    expect(parseAmountToMinor("1250", currencyFractionDigits("JPY"))).toEqual({ ok: true, amountMinor: 1250 });
  });

  test("JPY rejects decimals", () => {
    const result = parseAmountToMinor("125.5", 0);
    expect(!result.ok && result.message).toMatch(/whole number/);
  });
});

describe("feeStateOn", () => {
  const fee = { amountMinor: 10000, paidMinor: 0, dueDate: "2026-10-15" };

  test("due before due date", () => {
    expect(feeStateOn(fee, "2026-10-14")).toBe("due");
  });

  test("due on due date", () => {
    expect(feeStateOn(fee, "2026-10-15")).toBe("due");
  });

  test("overdue the day after", () => {
    expect(feeStateOn(fee, "2026-10-16")).toBe("overdue");
  });

  test("partial payment still overdue", () => {
    expect(feeStateOn({ ...fee, paidMinor: 9999 }, "2026-10-16")).toBe("overdue");
  });

  test("paid in full is paid", () => {
    expect(feeStateOn({ ...fee, paidMinor: 10000 }, "2026-10-16")).toBe("paid");
  });

  test("outstanding never negative", () => {
    expect(outstandingMinor({ amountMinor: 100, paidMinor: 150 })).toBe(0);
  });
});

describe("localeFromAcceptLanguage", () => {
  test("first listed language", () => {
    expect(localeFromAcceptLanguage("de-DE,de;q=0.9,en;q=0.8")).toBe("de-DE");
  });

  test("missing header falls back", () => {
    expect(localeFromAcceptLanguage(null)).toBe("en-GB");
  });

  test("wildcard falls back", () => {
    expect(localeFromAcceptLanguage("*")).toBe("en-GB");
  });

  test("invalid tag is skipped", () => {
    expect(localeFromAcceptLanguage("!!,fr-FR")).toBe("fr-FR");
  });

  test("German money formatting", () => {
    expect(formatMoney(12550, localeFromAcceptLanguage("de-DE"), "EUR")).toBe("125,50\u00a0€");
  });
});

describe("fees in the database", () => {
  let testDb: TestDatabase;
  let db: Database;
  let school: DemoSchool;
  // 15 October 2026 at 13:00 in London.
  const now = new Date("2026-10-15T12:00:00Z");

  async function addFee(studentId: number, dueDate: string, amountMinor = 12550, description = "Tuition") {
    const result = await createFee(db, { studentId, term: "Autumn 2026", description, amountMinor, dueDate });
    if (result.status !== "created") throw new Error(`createFee returned ${result.status}`);
    return result.feeId;
  }

  beforeEach(async () => {
    testDb = await createTestDatabase();
    db = testDb.db;
    school = await seedSchool(db);
  });

  afterEach(async () => {
    await testDb.cleanup();
  });

  test("fee for missing student is rejected", async () => {
    expect(await createFee(db, { studentId: 9999, term: "T", description: "D", amountMinor: 1, dueDate: "2026-10-01" })).toEqual({
      status: "student_not_found",
    });
  });

  test("fee for archived student is rejected", async () => {
    await setStudentsActive(db, [school.tom], false);
    const result = await createFee(db, { studentId: school.tom, term: "T", description: "D", amountMinor: 1, dueDate: "2026-10-01" });
    expect(result).toEqual({ status: "student_archived" });
    expect(await countRows(db, "fees")).toBe(0);
  });

  test("payment up to outstanding", async () => {
    const feeId = await addFee(school.tom, "2026-10-01");
    const first = await recordPayment(db, { feeId, amountMinor: 5000, paidOn: "2026-10-02", recordedBy: null });
    expect(first).toEqual({ status: "recorded", outstandingMinor: 7550 });
    const rest = await recordPayment(db, { feeId, amountMinor: 7550, paidOn: "2026-10-03", recordedBy: null });
    expect(rest).toEqual({ status: "recorded", outstandingMinor: 0 });
  });

  test("payment above outstanding rejected", async () => {
    const feeId = await addFee(school.tom, "2026-10-01");
    await recordPayment(db, { feeId, amountMinor: 5000, paidOn: "2026-10-02", recordedBy: null });
    const result = await recordPayment(db, { feeId, amountMinor: 7551, paidOn: "2026-10-03", recordedBy: null });
    expect(result).toEqual({ status: "above_outstanding", outstandingMinor: 7550 });
    expect(await countRows(db, "payments")).toBe(1);
  });

  test("other fees' payments not counted", async () => {
    const paidFee = await addFee(school.tom, "2026-10-01");
    const openFee = await addFee(school.tom, "2026-10-01");
    await recordPayment(db, { feeId: paidFee, amountMinor: 12550, paidOn: "2026-10-02", recordedBy: null });
    const result = await recordPayment(db, { feeId: openFee, amountMinor: 100, paidOn: "2026-10-03", recordedBy: null });
    expect(result).toEqual({ status: "recorded", outstandingMinor: 12450 });
  });

  test("payment on missing fee", async () => {
    const result = await recordPayment(db, { feeId: 9999, amountMinor: 1, paidOn: "2026-10-02", recordedBy: null });
    expect(result).toEqual({ status: "fee_not_found" });
  });

  test("fee lines sum payments", async () => {
    const overdue = await addFee(school.tom, "2026-10-01");
    await addFee(school.tom, "2026-12-01", 20000, "Trip");
    await recordPayment(db, { feeId: overdue, amountMinor: 2500, paidOn: "2026-10-02", recordedBy: null });
    await recordPayment(db, { feeId: overdue, amountMinor: 50, paidOn: "2026-10-03", recordedBy: null });
    const lines = await getFeeLinesOfStudent({ studentId: school.tom, today: "2026-10-15" }, db);
    expect(lines.map((line) => [line.description, line.paidMinor, line.outstandingMinor, line.state])).toEqual([
      ["Trip", 0, 20000, "due"],
      ["Tuition", 2550, 10000, "overdue"],
    ]);
    expect(totalFees(lines)).toEqual({ dueMinor: 20000, overdueMinor: 10000 });
  });

  test("overdue fee notifies visible users", async () => {
    const feeId = await addFee(school.tom, "2026-10-14");
    await recordPayment(db, { feeId, amountMinor: 2550, paidOn: "2026-10-14", recordedBy: null });
    expect(await raiseOverdueFeeNotifications(db, now)).toBe(1);
    const notifications = await readNotifications(db);
    expect(notifications.map((n) => n.userId).sort()).toEqual([school.tomUser, school.lindaUser].sort());
    expect(notifications[0]).toMatchObject({
      studentId: school.tom,
      kind: "fee_overdue",
      title: "Fee overdue for Tom Brown",
      body: "Tuition (Autumn 2026): £100.00 was due on 14 October 2026",
      link: `/portal/students/${school.tom}/fees`,
    });
  });

  test("overdue fee notifies once", async () => {
    await addFee(school.tom, "2026-10-14");
    await raiseOverdueFeeNotifications(db, now);
    expect(await raiseOverdueFeeNotifications(db, new Date("2026-10-20T12:00:00Z"))).toBe(0);
    expect(await countRows(db, "notifications")).toBe(2);
  });

  test("fee due today not notified", async () => {
    await addFee(school.tom, "2026-10-15");
    expect(await raiseOverdueFeeNotifications(db, now)).toBe(0);
    expect(await countRows(db, "notifications")).toBe(0);
  });

  test("paid fee not notified", async () => {
    const feeId = await addFee(school.tom, "2026-10-01");
    await recordPayment(db, { feeId, amountMinor: 12550, paidOn: "2026-10-01", recordedBy: null });
    expect(await raiseOverdueFeeNotifications(db, now)).toBe(0);
  });

  test("school time zone decides today", async () => {
    await addFee(school.tom, "2026-10-14");
    // 23:30 UTC on the 14th is already the 15th in London (BST, UTC+1).
    expect(await raiseOverdueFeeNotifications(db, new Date("2026-10-14T22:30:00Z"))).toBe(0);
    expect(await raiseOverdueFeeNotifications(db, new Date("2026-10-14T23:30:00Z"))).toBe(1);
  });

  test("unseen student notifies nobody", async () => {
    await addFee(school.amy, "2026-10-01");
    expect(await raiseOverdueFeeNotifications(db, now)).toBe(1);
    expect(await countRows(db, "notifications")).toBe(0);
  });

  test("John's fee skips Linda", async () => {
    await addFee(school.john, "2026-10-01");
    await raiseOverdueFeeNotifications(db, now);
    const recipients = (await readNotifications(db)).map((n) => n.userId);
    expect(recipients).toEqual([school.johnUser]);
  });
});
