import { describe, expect, test } from "vitest";
import { formatDateTime } from "@/app/admin/_lib/format";

describe("admin formatDateTime", () => {
  test("London winter shows GMT", () => {
    expect(formatDateTime(new Date("2027-01-27T17:05:00Z"), "Europe/London")).toBe("27 Jan 2027, 17:05 GMT");
  });

  test("London summer shows BST", () => {
    expect(formatDateTime(new Date("2027-07-01T12:00:00Z"), "Europe/London")).toBe("1 Jul 2027, 13:00 BST");
  });

  test("Auckland evening is next day", () => {
    expect(formatDateTime(new Date("2027-01-27T11:00:00Z"), "Pacific/Auckland")).toBe("28 Jan 2027, 00:00 GMT+13");
  });
});
