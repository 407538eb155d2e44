import { describe, expect, test } from "vitest";
import { normalizeLogin } from "@/lib/login";

function loginOf(input: string): string | undefined {
  const result = normalizeLogin(input);
  return result.ok ? result.login : undefined;
}

describe("normalizeLogin accepts", () => {
  test.each([
    [" Robert.Smith@Example.COM ", "robert.smith@example.com"],
    ["robert.smith@example.com", "robert.smith@example.com"],
    ["o'brien+school@example.co.uk", "o'brien+school@example.co.uk"],
    ["Robert@Example.com.", "robert@example.com"],
    ["parent@élève.example", "parent@xn--lve-6lad.example"],
    ["parent@ÉLÈVE.example", "parent@xn--lve-6lad.example"],
  ])("%j as %j", (input, login) => {
    const result = normalizeLogin(input);
    expect(result).toEqual({ ok: true, login });
  });

  test("NFC and NFD domains alike", () => {
    const nfc = "parent@\u00e9l\u00e8ve.example";
    const nfd = "parent@e\u0301le\u0300ve.example";
    expect(nfc).not.toBe(nfd);
    expect(loginOf(nfd)).toBe(loginOf(nfc));
    expect(loginOf(nfd)).toBeDefined();
  });

  test("IDN domain as punycode", () => {
    const login = loginOf("parent@élève.example");
    expect(login).toMatch(/^parent@xn--[a-z0-9-]+\.example$/);
  });

  test("punycode input equals unicode input", () => {
    const unicode = loginOf("Parent@Élève.example");
    const punycode = loginOf("parent@XN--LVE-6LAD.example");
    expect(unicode).toBeDefined();
    expect(punycode).toBe(unicode);
  });

  test("254-character login", () => {
    // 64 + "@" + 4 labels of 40 with 4 dots + 21 + ".com" = 254 characters.
    const domain = `${Array(4).fill("d".repeat(40)).join(".")}.${"e".repeat(21)}.com`;
    const input = `${"a".repeat(64)}@${domain}`;
    expect(input.length).toBe(254);
    expect(loginOf(input)).toBe(input);
  });
});

describe("normalizeLogin rejects", () => {
  const tooLong = `${"a".repeat(64)}@${Array(5).fill("b".repeat(60)).join(".")}.com`;

  test.each([
    ["empty", ""],
    ["only spaces", "   "],
    ["no @", "robert.smith.example.com"],
    ["nothing before @", "@example.com"],
    ["nothing after @", "robert@"],
    ["two @", "robert@smith@example.com"],
    ["space inside", "robert smith@example.com"],
    ["space around @", "robert @ example.com"],
    ["newline header injection", "a@b.com\nBcc: x@y.com"],
    ["carriage return", "a@b.com\r\nBcc: x@y.com"],
    ["NUL character", "a\u0000@b.com"],
    ["DEL character", "a@b.com\u007f"],
    ["tab inside", "rob\tert@example.com"],
    ["non-ASCII local part", "jöhn@example.com"],
    ["dot at start of local part", ".robert@example.com"],
    ["two dots in local part", "rob..ert@example.com"],
    ["domain without dot", "robert@localhost"],
    ["underscore in domain", "robert@ex_ample.com"],
    ["empty domain label", "robert@example..com"],
    ["domain starting with a dot", "robert@.com"],
    ["domain label over 63 characters", `robert@${"x".repeat(64)}.com`],
    ["domain label starting with a hyphen", "robert@-example.com"],
    ["address literal", "robert@[127.0.0.1]"],
    ["over 254 characters", tooLong],
  ])("%s", (_case, input) => {
    const result = normalizeLogin(input);
    expect(result.ok).toBe(false);
  });

  test("message names the input", () => {
    const result = normalizeLogin("robert@localhost");
    expect(result.ok).toBe(false);
    const message = result.ok ? "" : result.message;
    expect(message).toContain("robert@localhost");
  });

  test("message states the length limit", () => {
    const result = normalizeLogin(tooLong);
    expect(result.ok).toBe(false);
    const message = result.ok ? "" : result.message;
    expect(message).toContain("254");
  });
});
