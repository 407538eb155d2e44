import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { z } from "zod";
import { checkboxField, chosenIdField } from "@/app/admin/_lib/form-schemas";
import { parseRouteId, parseSearchQuery } from "@/app/admin/_lib/route-params";
import { parseUserFilters } from "@/app/admin/users/_lib/list-params";
import { attendanceFormSchema, attendanceDateField, courseIdField } from "@/lib/attendance/form";
import { isIsoDate, parseSchoolMonth } from "@/lib/attendance/rules";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { localeFromAcceptLanguage, MAX_AMOUNT_MAJOR, parseAmountToMinor } from "@/lib/fees/rules";
import { parseMarks } from "@/lib/grades/rules";
import { normalizeLogin } from "@/lib/login";
import { formatMoney, formatSchoolDate } from "@/lib/school-calendar";
import {
  birthDateField,
  idField,
  nameField,
  optionalEmailField,
  optionalEmailFieldFor,
  optionalPhoneField,
  relationshipField,
  schoolDateField,
} from "@/lib/validation";
import { hostileText } from "../support/fuzz-values";

// Property tests: fast-check generates inputs (wrong types, huge strings,
// control characters, odd Unicode, markup) and each test states what must
// hold for all of them. A failure prints the smallest input found.

const RUNS = { numRuns: 300 };

/** Any value a parser may be handed: hostile text or a value of the wrong type. */
const anyInput: fc.Arbitrary<unknown> = fc.oneof(hostileText, fc.anything());

/** Zod's built-in messages, which name neither the field nor the fix. */
const ZOD_DEFAULT_MESSAGE = /^Invalid input|^Invalid option|^Too (big|small)|expected \w+, received/;

/** Maximum length of a field's message, so a message that quotes a huge value must cut it. */
const MAX_MESSAGE_LENGTH = 400;

const TODAY = () => "2027-01-27";

type FieldCase = { name: string; schema: z.ZodType; mentions: RegExp };

const FIELD_CASES: FieldCase[] = [
  { name: "nameField", schema: nameField, mentions: /\bname\b/i },
  { name: "optionalEmailField", schema: optionalEmailField, mentions: /email|"/i },
  { name: "optionalEmailFieldFor", schema: optionalEmailFieldFor("Contact email"), mentions: /email|"/i },
  { name: "optionalPhoneField", schema: optionalPhoneField, mentions: /\bphone\b/i },
  { name: "birthDateField", schema: birthDateField, mentions: /birth date/i },
  { name: "relationshipField", schema: relationshipField, mentions: /relationship/i },
  { name: "idField", schema: idField, mentions: /record id/i },
  { name: "chosenIdField", schema: chosenIdField("Choose a student."), mentions: /student/i },
  { name: "courseIdField", schema: courseIdField, mentions: /course/i },
  { name: "attendanceDateField", schema: attendanceDateField, mentions: /\bdate\b/i },
  {
    name: "schoolDateField",
    schema: schoolDateField({ label: "Due date", example: "2026-10-01", maxYearsBefore: 5, today: TODAY }),
    mentions: /due date/i,
  },
];

describe.each(FIELD_CASES)("$name", ({ schema, mentions }) => {
  test("never throws", () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        schema.safeParse(input);
      }),
      RUNS,
    );
  });

  test("errors name the field", () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = schema.safeParse(input);
        if (result.success) return;
        for (const issue of result.error.issues) {
          expect(issue.message).toMatch(mentions);
          expect(issue.message).not.toMatch(ZOD_DEFAULT_MESSAGE);
        }
      }),
      RUNS,
    );
  });

  test("errors stay short", () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = schema.safeParse(input);
        if (result.success) return;
        for (const issue of result.error.issues) expect(issue.message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      }),
      RUNS,
    );
  });

  test("accepted values parse again", () => {
    fc.assert(
      fc.property(hostileText, (input) => {
        const first = schema.safeParse(input);
        if (!first.success || first.data === null || typeof first.data === "boolean") return;
        const second = schema.safeParse(String(first.data));
        expect(second.success).toBe(true);
        expect(second.data).toEqual(first.data);
      }),
      RUNS,
    );
  });
});

describe("field outputs", () => {
  test("name is one trimmed line", () => {
    fc.assert(
      fc.property(hostileText, (input) => {
        const result = nameField.safeParse(input);
        if (!result.success) return;
        expect(result.data).toBe(result.data.trim());
        expect(result.data).not.toMatch(/\p{Cc}/u);
        expect(result.data.length).toBeGreaterThan(0);
        // Zod counts code points, so an emoji counts as one character.
        expect([...result.data].length).toBeLessThanOrEqual(120);
      }),
      RUNS,
    );
  });

  test("ids are safe positive integers", () => {
    const chosen = chosenIdField("Choose a student.");
    const digits = fc.stringMatching(/^[1-9][0-9]{0,19}$/);
    fc.assert(
      fc.property(fc.oneof(anyInput, digits), (input) => {
        for (const schema of [idField, chosen, courseIdField]) {
          const result = schema.safeParse(input);
          if (result.success) expect(Number.isSafeInteger(result.data) && result.data > 0).toBe(true);
        }
      }),
      RUNS,
    );
  });

  test.each(["9999999999999999", "9007199254740993"])("unsafe id %s rejected", (input) => {
    expect(chosenIdField("Choose a student.").safeParse(input).success).toBe(false);
    expect(courseIdField.safeParse(input).success).toBe(false);
  });

  test("checkbox is true only for on", () => {
    fc.assert(
      fc.property(hostileText, (input) => {
        expect(checkboxField.parse(input)).toBe(input === "on");
      }),
      RUNS,
    );
  });

  test("email output normalises to itself", () => {
    fc.assert(
      fc.property(hostileText, (input) => {
        const result = optionalEmailField.safeParse(input);
        if (!result.success || result.data === null) return;
        expect(normalizeLogin(result.data).ok).toBe(true);
      }),
      RUNS,
    );
  });

  test("calendar dates round-trip", () => {
    const dates = fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true });
    fc.assert(
      fc.property(dates, (date) => {
        const iso = date.toISOString().slice(0, 10);
        expect(birthDateField.parse(iso)).toBe(iso);
        expect(isIsoDate(iso)).toBe(true);
        expect(formatSchoolDate(iso)).toMatch(/\d{4}$/);
      }),
      RUNS,
    );
  });
});

describe("normalizeLogin", () => {
  test("never throws", () => {
    fc.assert(
      fc.property(hostileText, (input) => {
        normalizeLogin(input);
      }),
      RUNS,
    );
  });

  test("is idempotent", () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.emailAddress()), (input) => {
        const first = normalizeLogin(input);
        if (!first.ok) return;
        expect(normalizeLogin(first.login)).toEqual(first);
      }),
      RUNS,
    );
  });

  test("logins are lower-case ASCII", () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.emailAddress()), (input) => {
        const result = normalizeLogin(input);
        if (!result.ok) return;
        expect(result.login).toMatch(/^[\x21-\x7e]+$/);
        expect(result.login).toBe(result.login.toLowerCase());
        expect(result.login.length).toBeLessThanOrEqual(254);
      }),
      RUNS,
    );
  });

  test("messages stay short for huge input", () => {
    fc.assert(
      fc.property(hostileText, (input) => {
        const result = normalizeLogin(input);
        if (!result.ok) expect(result.message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      }),
      RUNS,
    );
  });
});

describe("parseAmountToMinor", () => {
  const fractionDigits = fc.constantFrom(0, 2, 3);

  test("never throws", () => {
    fc.assert(
      fc.property(hostileText, fractionDigits, (input, digits) => {
        parseAmountToMinor(input, digits);
      }),
      RUNS,
    );
  });

  test("errors start with the label", () => {
    fc.assert(
      fc.property(hostileText, fractionDigits, (input, digits) => {
        const result = parseAmountToMinor(input, digits, "Amount");
        if (!result.ok) expect(result.message.startsWith("Amount ")).toBe(true);
      }),
      RUNS,
    );
  });

  test("accepted amounts are in range", () => {
    fc.assert(
      fc.property(hostileText, fractionDigits, (input, digits) => {
        const result = parseAmountToMinor(input, digits);
        if (!result.ok) return;
        expect(Number.isSafeInteger(result.amountMinor)).toBe(true);
        expect(result.amountMinor).toBeGreaterThan(0);
        expect(result.amountMinor).toBeLessThan(MAX_AMOUNT_MAJOR * 10 ** digits);
      }),
      RUNS,
    );
  });

  test("minor units round-trip", () => {
    const cases = fc.constantFrom(0, 2, 3).chain((digits) =>
      fc.tuple(fc.constant(digits), fc.integer({ min: 1, max: MAX_AMOUNT_MAJOR * 10 ** digits - 1 })),
    );
    fc.assert(
      fc.property(cases, ([digits, amountMinor]) => {
        const text = (amountMinor / 10 ** digits).toFixed(digits);
        expect(parseAmountToMinor(text, digits)).toEqual({ ok: true, amountMinor });
      }),
      RUNS,
    );
  });

  test("formatMoney never throws", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_MAJOR * 100 }), (amountMinor) => {
        expect(formatMoney(amountMinor, "en-GB", "GBP")).toMatch(/^£/);
      }),
      RUNS,
    );
  });
});

describe("parseMarks", () => {
  test("accepted marks are within the maximum", () => {
    fc.assert(
      fc.property(hostileText, fc.integer({ min: 1, max: 1000 }), (input, maxMarks) => {
        const result = parseMarks(input, maxMarks, "Marks");
        if (!result.ok) {
          expect(result.message.startsWith("Marks ")).toBe(true);
          return;
        }
        if (result.marks !== null) {
          expect(result.marks).toBeGreaterThanOrEqual(0);
          expect(result.marks).toBeLessThanOrEqual(maxMarks);
        }
      }),
      RUNS,
    );
  });

  test("marks round-trip", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }).chain((max) => fc.tuple(fc.constant(max), fc.integer({ min: 0, max }))), ([max, marks]) => {
        expect(parseMarks(String(marks), max, "Marks")).toEqual({ ok: true, marks });
      }),
      RUNS,
    );
  });
});

describe("attendanceFormSchema", () => {
  const idText = fc.oneof(hostileText, fc.integer({ min: 1, max: 50 }).map(String));
  const form = fc.record({
    courseId: fc.oneof(idText, fc.anything()),
    date: fc.oneof(hostileText, fc.constant("2027-01-27")),
    studentIds: fc.oneof(fc.array(idText, { maxLength: 4 }), fc.anything()),
    extra: fc.dictionary(fc.oneof(hostileText, fc.constantFrom("status-1", "remark-1", "status-2")), hostileText),
  });

  test("never throws", () => {
    fc.assert(
      fc.property(form, ({ extra, ...fields }) => {
        attendanceFormSchema.safeParse({ ...extra, ...fields });
      }),
      RUNS,
    );
  });

  test("every error sits on a field", () => {
    fc.assert(
      fc.property(form, ({ extra, ...fields }) => {
        const result = attendanceFormSchema.safeParse({ ...extra, ...fields });
        if (result.success) return;
        for (const issue of result.error.issues) {
          expect(issue.path.length).toBeGreaterThan(0);
          expect(issue.message).not.toMatch(ZOD_DEFAULT_MESSAGE);
        }
      }),
      RUNS,
    );
  });

  test("accepted forms list every student once", () => {
    fc.assert(
      fc.property(form, ({ extra, ...fields }) => {
        const result = attendanceFormSchema.safeParse({ ...extra, ...fields });
        if (!result.success) return;
        const ids = result.data.entries.map((entry) => entry.studentId);
        expect(new Set(ids).size).toBe((fields.studentIds as string[]).length);
      }),
      RUNS,
    );
  });
});

describe("URL parsers", () => {
  test("callback paths stay on this site", () => {
    fc.assert(
      fc.property(fc.oneof(anyInput, hostileText.map((text) => `/${text}`)), (input) => {
        const path = safeCallbackPath(input);
        if (path === null) return;
        expect(path.startsWith("/")).toBe(true);
        expect(path.startsWith("//")).toBe(false);
        expect(new URL(path, "http://portal.invalid").origin).toBe("http://portal.invalid");
      }),
      RUNS,
    );
  });

  test("route ids round-trip", () => {
    fc.assert(
      fc.property(hostileText, (segment) => {
        const id = parseRouteId(segment);
        if (id !== null) expect(String(id)).toBe(segment);
      }),
      RUNS,
    );
  });

  test("search text is cut to 100", () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.array(hostileText)), (value) => {
        expect(parseSearchQuery(value).length).toBeLessThanOrEqual(100);
      }),
      RUNS,
    );
  });

  test("user filters never throw", () => {
    const params = fc.dictionary(hostileText, fc.oneof(hostileText, fc.array(hostileText)));
    fc.assert(
      fc.property(params, (value) => {
        expect(parseUserFilters(value).page).toBeGreaterThanOrEqual(1);
      }),
      RUNS,
    );
  });

  test("month parser never throws", () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.array(hostileText)), (value) => {
        const month = parseSchoolMonth(value);
        if (month !== null) expect(month).toMatch(/^\d{4}-\d{2}$/);
      }),
      RUNS,
    );
  });

  test("Accept-Language never throws", () => {
    fc.assert(
      fc.property(hostileText, (header) => {
        expect(typeof localeFromAcceptLanguage(header)).toBe("string");
      }),
      RUNS,
    );
  });
});
