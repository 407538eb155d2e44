import { describe, expect, test } from "vitest";
import {
  attendanceRate,
  calendarWeeks,
  defaultAttendanceMonth,
  emptyCounts,
  isIsoDate,
  monthsBetween,
  parseSchoolMonth,
  schoolMonthOf,
  shiftMonth,
  termStartOf,
} from "@/lib/attendance/rules";
import { formatSchoolDate, schoolDateOf } from "@/lib/school-calendar";

describe("attendanceRate", () => {
  test("no sessions is null", () => {
    expect(attendanceRate(emptyCounts())).toBeNull();
  });

  test("only excused sessions is null", () => {
    expect(attendanceRate({ ...emptyCounts(), excused: 4 })).toBeNull();
  });

  test("excused sessions are left out", () => {
    expect(attendanceRate({ present: 2, late: 1, absent: 1, excused: 6 })).toBe(0.75);
  });

  test("late counts as attended", () => {
    expect(attendanceRate({ ...emptyCounts(), late: 3 })).toBe(1);
  });
});

describe("school dates across time zones", () => {
  // 23:30 on 27 January in Auckland (UTC+13) is 10:30 UTC on 27 January.
  const lateInAuckland = new Date("2027-01-27T10:30:00Z");
  // 23:30 on 27 January in Los Angeles (UTC-8) is 07:30 UTC on 28 January.
  const lateInLosAngeles = new Date("2027-01-28T07:30:00Z");
  // 20:00 on 31 January in Los Angeles is 04:00 UTC on 1 February.
  const monthEndInLosAngeles = new Date("2027-02-01T04:00:00Z");

  test("Auckland evening is 27 Jan there", () => {
    expect(schoolDateOf(lateInAuckland, "Pacific/Auckland")).toBe("2027-01-27");
  });

  test("Auckland evening is 27 Jan in London", () => {
    expect(schoolDateOf(lateInAuckland, "Europe/London")).toBe("2027-01-27");
  });

  test("Los Angeles evening is 27 Jan there", () => {
    expect(schoolDateOf(lateInLosAngeles, "America/Los_Angeles")).toBe("2027-01-27");
  });

  test("Los Angeles evening is 28 Jan in London", () => {
    expect(schoolDateOf(lateInLosAngeles, "Europe/London")).toBe("2027-01-28");
  });

  test("month follows the school zone", () => {
    expect(schoolMonthOf(schoolDateOf(monthEndInLosAngeles, "Europe/London"))).toBe("2027-02");
  });

  test("month in the reader's zone differs", () => {
    expect(schoolMonthOf(schoolDateOf(monthEndInLosAngeles, "America/Los_Angeles"))).toBe("2027-01");
  });

  test("stored date formats as 27 January", () => {
    expect(formatSchoolDate("2027-01-27")).toBe("27 January 2027");
  });
});

describe("month helpers", () => {
  test("parseSchoolMonth accepts YYYY-MM", () => {
    expect(parseSchoolMonth("2027-01")).toBe("2027-01");
  });

  test.each(["2027-13", "2027-1", "2027-01-01", "", "January"])(
    "parseSchoolMonth rejects %j",
    (value) => {
      expect(parseSchoolMonth(value)).toBeNull();
    },
  );

  test("shiftMonth crosses a year backwards", () => {
    expect(shiftMonth("2027-01", -1)).toBe("2026-12");
  });

  test("shiftMonth crosses a year forwards", () => {
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
  });

  test("monthsBetween includes both ends", () => {
    expect(monthsBetween("2026-11", "2027-02")).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
  });

  test("term starts 1 Sept of last year", () => {
    expect(termStartOf("2027-01-27")).toBe("2026-09-01");
  });

  test("term starts 1 Sept of this year", () => {
    expect(termStartOf("2026-09-01")).toBe("2026-09-01");
  });

  test("isIsoDate rejects 31 February", () => {
    expect(isIsoDate("2027-02-31")).toBe(false);
  });

  test("isIsoDate accepts a leap day", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
  });
});

describe("calendarWeeks", () => {
  // 1 January 2027 is a Friday and 31 January a Sunday.
  const weeks = calendarWeeks("2027-01");

  test("January 2027 has five weeks", () => {
    expect(weeks).toHaveLength(5);
  });

  test("first week starts on Friday 1st", () => {
    expect(weeks[0]).toEqual([null, null, null, null, "2027-01-01", "2027-01-02", "2027-01-03"]);
  });

  test("27 January is a Wednesday", () => {
    expect(weeks[4].indexOf("2027-01-27")).toBe(2);
  });

  test("last week ends on Sunday 31st", () => {
    expect(weeks[4][6]).toBe("2027-01-31");
  });
});

describe("defaultAttendanceMonth", () => {
  test("current month with records", () => {
    expect(defaultAttendanceMonth("2027-01", ["2026-11", "2027-01"])).toBe("2027-01");
  });

  test("latest earlier month with records", () => {
    expect(defaultAttendanceMonth("2027-01", ["2026-10", "2026-11"])).toBe("2026-11");
  });

  test("current month without any records", () => {
    expect(defaultAttendanceMonth("2027-01", [])).toBe("2027-01");
  });
});
