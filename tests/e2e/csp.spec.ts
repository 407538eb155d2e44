import type { Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./support/e2e-settings";
import { expect, test } from "./support/fixtures";
import { logInAs, PortalPage } from "./support/pages";

// Opens one page of each kind in Chromium under the nonce-based
// Content-Security-Policy from middleware.ts and fails on any violation.

/** Collects CSP violations reported as events in the page and as console errors. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|Content-Security-Policy/i.test(message.text())) {
      violations.push(`console: ${message.text()}`);
    }
  });
  await page.exposeFunction("reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} in ${event.documentURI}`);
    });
  });
  return violations;
}

/** Opens `path`, checks its policy header and that React has hydrated the page. */
async function openChecked(page: Page, path: string) {
  const response = await page.goto(path);
  const policy = response?.headers()["content-security-policy"] ?? "";
  expect(policy, `script-src of ${path}`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy, `frame-ancestors of ${path}`).toContain("frame-ancestors 'none'");
  // window.next comes from Next.js's bootstrap script, and the route
  // announcer element from an effect that runs only once React has hydrated.
  await page.waitForFunction(
    () =>
      (window as unknown as { next?: { appDir?: boolean } }).next?.appDir === true &&
      document.querySelector("next-route-announcer") !== null,
    undefined,
    { timeout: 10_000 },
  );
}

test("pages run under the nonce policy", async ({ page }) => {
  test.setTimeout(180_000);
  const violations = await watchViolations(page);

  await test.step("public pages", async () => {
    await openChecked(page, "/login");
    await openChecked(page, "/forgot-password");
    await openChecked(page, "/set-password?token=not-a-real-token");
    await openChecked(page, "/no-such-page");
  });

  await test.step("forgot-password form submits", async () => {
    await page.goto("/forgot-password");
    await page.getByLabel("Email", { exact: true }).fill("nobody-csp@example.com");
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("main").getByRole("status")).toBeVisible();
  });

  await test.step("parent portal pages", async () => {
    await logInAs(page, "linda.brown@example.com", DEMO_PASSWORD, "/portal");
    await openChecked(page, "/portal");
    const tomPath = await new PortalPage(page).studentPath("Tom Brown");
    for (const suffix of ["", "/attendance", "/grades", "/fees"]) await openChecked(page, `${tomPath}${suffix}`);
    await openChecked(page, "/portal/notifications");
    await openChecked(page, "/portal/settings/notifications");
    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/login");
  });

  await test.step("admin pages", async () => {
    await logInAs(page, "manager@example.com", DEMO_PASSWORD, "/admin/parents");
    const adminPaths = [
      "/admin/parents",
      "/admin/students",
      "/admin/users",
      "/admin/attendance",
      "/admin/fees",
      "/admin/results",
      "/admin/announcements",
      "/admin/emails",
    ];
    for (const path of adminPaths) await openChecked(page, path);
    await openChecked(page, "/admin/parents/new");
  });

  await test.step("admin form submits through its server action", async () => {
    // Spaces pass the browser's `required` check, and the action's validation trims them.
    await page.getByLabel("Name", { exact: true }).fill("   ");
    await page.getByRole("button", { name: "Save parent" }).click();
    await expect(page.getByText("Name is missing: enter the full name.")).toBeVisible();
  });

  expect(violations, "Content-Security-Policy violations").toEqual([]);
});

test("watcher reports an injected script", async ({ page }) => {
  const violations = await watchViolations(page);
  // Serves /login with an inline script that has no nonce, as an injection would add it.
  await page.route("**/login", async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace("</body>", "<script>document.title = 'injected';</script></body>");
    await route.fulfill({ response, body });
  });
  await page.goto("/login");
  await expect.poll(() => violations.length, { message: "violations after an injected inline script" }).toBeGreaterThan(0);
  await expect(page).not.toHaveTitle("injected");
});

test("static files keep the static policy", async ({ request }) => {
  const login = await request.get("/login");
  const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(await login.text());
  expect(script, "a script of /login").not.toBeNull();
  const response = await request.get(script![1]);
  expect(response.headers()["content-security-policy"]).toBe(
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  );
});
