import { describe, expect, test } from "vitest";
import { z } from "zod";
import { attendanceFormSchema } from "@/lib/attendance/form";

const PAST_DATE = "2026-01-27";

function parse(fields: Record<string, unknown>) {
  return attendanceFormSchema.safeParse({ courseId: "3", date: PAST_DATE, studentIds: ["7", "8"], ...fields });
}

function fieldErrors(fields: Record<string, unknown>) {
  const result = parse(fields);
  expect(result.success).toBe(false);
  return z.flattenError(result.error!).fieldErrors as Record<string, string[] | undefined>;
}

describe("attendance form", () => {
  test("missing status means present", () => {
    const result = parse({ "status-8": "absent" });
    expect(result.data?.entries).toEqual([
      { studentId: 7, status: "present", remark: null },
      { studentId: 8, status: "absent", remark: null },
    ]);
  });

  test("trims the remark", () => {
    const result = parse({ "remark-7": "  Dentist  " });
    expect(result.data?.entries[0].remark).toBe("Dentist");
  });

  test("rejects an unknown status", () => {
    expect(fieldErrors({ "status-7": "sick" })["status-7"]?.[0]).toMatch(/^Status must be one of/);
  });

  test("rejects a remark over 500", () => {
    expect(fieldErrors({ "remark-8": "x".repeat(501) })["remark-8"]?.[0]).toMatch(/^Remark is too long/);
  });

  test("accepts a remark of 500", () => {
    expect(parse({ "remark-8": "x".repeat(500) }).success).toBe(true);
  });

  test("rejects a line break in remark", () => {
    expect(fieldErrors({ "remark-7": "one\ntwo" })["remark-7"]?.[0]).toMatch(/control characters/);
  });

  test("rejects 31 February", () => {
    expect(fieldErrors({ date: "2026-02-31" }).date?.[0]).toMatch(/^Date must be a real date/);
  });

  test("leaves a future date to the save", () => {
    expect(parse({ date: "2999-01-01" }).success).toBe(true);
  });

  test("rejects a missing course", () => {
    expect(fieldErrors({ courseId: "" }).courseId?.[0]).toMatch(/^Course is missing/);
  });

  test("rejects a bad student id", () => {
    expect(fieldErrors({ studentIds: ["7", "x"] }).studentIds?.[0]).toMatch(/student id/);
  });

  test("rejects a duplicate student", () => {
    expect(fieldErrors({ studentIds: ["7", "7"] }).studentIds?.[0]).toMatch(/listed twice/);
  });

  test("rejects an empty class", () => {
    expect(fieldErrors({ studentIds: [] }).studentIds?.[0]).toMatch(/^No student is listed/);
  });
});
