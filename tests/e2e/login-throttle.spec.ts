import { expect, test } from "./support/fixtures";
import { LoginPage } from "./support/pages";

const THROTTLED_MESSAGE =
  "Too many attempts. Wait 15 minutes and try again, or ask the school office to reset your password.";

// An email with no account, so the counter it fills affects no other spec.
const UNKNOWN_EMAIL = "nobody.throttle@example.com";

test("sixth failed login is throttled", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  for (let attempt = 1; attempt <= 6; attempt++) {
    const response = page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login",
    );
    await login.logIn(UNKNOWN_EMAIL, `wrong-password-${attempt}`);
    await response;
    const expected = attempt <= 5 ? "Email or password is incorrect." : THROTTLED_MESSAGE;
    await expect(login.error, `message after attempt ${attempt}`).toHaveText(expected);
  }
});

test("pages send security headers", async ({ page }) => {
  const response = await page.goto("/login");
  const headers = response!.headers();
  expect(headers["x-frame-options"]).toBe("DENY");
  // Pages get middleware.ts's policy with a per-request nonce, and tests/e2e/csp.spec.ts checks it in full.
  for (const directive of ["frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'"]) {
    expect(headers["content-security-policy"]).toContain(directive);
  }
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["permissions-policy"]).toBe("camera=(), microphone=(), geolocation=()");
  // The test server is not a production deployment, so it sends no HSTS.
  expect(headers["strict-transport-security"]).toBeUndefined();
});

test("set-password keeps no-referrer", async ({ request }) => {
  const response = await request.get("/set-password", { maxRedirects: 0 });
  expect(response.headers()["referrer-policy"]).toBe("no-referrer");
});
