import { describe, expect, test } from "vitest";
import { buildContentSecurityPolicy, createNonce } from "@/lib/security/csp";

/** Returns the sources of one directive, or undefined when the policy lacks it. */
function directive(policy: string, name: string): string[] | undefined {
  const entry = policy
    .split(";")
    .map((part) => part.trim().split(/\s+/))
    .find(([directiveName]) => directiveName === name);
  return entry?.slice(1);
}

describe("createNonce", () => {
  test("encodes 16 random bytes", () => {
    const nonce = createNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });

  test("differs between calls", () => {
    const nonces = new Set(Array.from({ length: 100 }, () => createNonce()));
    expect(nonces.size).toBe(100);
  });
});

describe("buildContentSecurityPolicy", () => {
  const production = buildContentSecurityPolicy("abc123==", false);
  const development = buildContentSecurityPolicy("abc123==", true);

  test("production scripts need the nonce", () => {
    expect(directive(production, "script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
  });

  test("production allows no inline styles", () => {
    expect(directive(production, "style-src")).toEqual(["'self'", "'nonce-abc123=='"]);
  });

  test("development adds eval", () => {
    expect(directive(development, "script-src")).toContain("'unsafe-eval'");
  });

  test("development allows inline styles", () => {
    expect(directive(development, "style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  test.each([
    ["frame-ancestors", ["'none'"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'self'"]],
    ["form-action", ["'self'"]],
  ])("both modes set %s", (name, sources) => {
    expect(directive(production, name)).toEqual(sources);
    expect(directive(development, name)).toEqual(sources);
  });
});
