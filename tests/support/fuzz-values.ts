import fc from "fast-check";

/** Markup that runs script when a page renders it as HTML instead of text. */
export const MARKUP_PAYLOADS = [
  "<img src=x onerror=alert(1)>",
  "<script>alert(1)</script>",
  '"><svg onload=alert(1)>',
  "<a href=\"javascript:alert(1)\">x</a>",
] as const;

/** Values that break naive parsers: controls, odd Unicode, numbers in disguise and injections. */
export const SPECIAL_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\t\n\r",
  "line\nbreak",
  "\u202Eevil\u202C",
  "\u200F\u05E9\u05DC\u05D5\u05DD",
  "e\u0301\u0301\u0301\u0301\u0301",
  "\uD83D\uDE00",
  "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
  "\uD800",
  "\uFEFF",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "-0",
  "1e309",
  "0x1F",
  "9".repeat(40),
  "12.345",
  "\u0661\u0662\u0663",
  "\uFF11\uFF12",
  "[]",
  "{}",
  "[object Object]",
  "' OR 1=1 --",
  "%00",
  "../../etc/passwd",
  "${7*7}",
  "{{7*7}}",
  "$ACTION_ID_x",
  ...MARKUP_PAYLOADS,
];

/** Strings of 1 to 100,000 characters. */
export const hugeString = fc
  .tuple(fc.integer({ min: 0, max: 5 }), fc.constantFrom("x", "\u00E9", "\uD83D\uDE00", "<b>"))
  .map(([exponent, unit]) => unit.repeat(10 ** exponent));

/** Any text a hostile or careless client may send in one form field. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SPECIAL_STRINGS),
  fc.string({ unit: "binary", maxLength: 64 }),
  fc.string({ unit: "grapheme", maxLength: 64 }),
  fc.string({ unit: "binary-ascii", maxLength: 64 }),
  hugeString,
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom(...MARKUP_PAYLOADS).map((markup) => `Name ${markup}`),
);

/**
 * Returns true when `value` could be read as the id of a seeded record
 * (a positive integer below one billion, in any spelling Number() accepts).
 * Fuzz runs against a shared database skip such values for id fields, so a
 * generated "5" never deactivates or edits a real user.
 */
export function looksLikeRecordId(value: string): boolean {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 && number < 1e9;
}
