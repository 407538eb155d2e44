import { expect, test } from "./support/fixtures";
import { APP_URL, DEMO_PASSWORD } from "./support/e2e-settings";
import { clearMailbox, findSetPasswordLink, waitForOnlyEmailTo } from "./support/mailbox";
import {
  AdminParentPage,
  expectPageNotFound,
  LoginPage,
  logInAs,
  logOut,
  PortalPage,
  SetPasswordPage,
} from "./support/pages";

// The seeded demo school: Robert Smith is a parent record without a portal
// user, linked to John and Jane Smith. Linda Brown is a parent with a portal
// user, linked to Tom Brown. The database is seeded once per run, so the flow
// below runs once per `playwright test`.

const MANAGER = "manager@example.com";
const ROBERT = "robert.smith@example.com";
const LINDA = "linda.brown@example.com";
const ROBERT_PASSWORD = "robert-portal-2026";
const GENERIC_LOGIN_FAILURE = "Email or password is incorrect.";

test("login rejects wrong credentials", async ({ page }) => {
  const login = new LoginPage(page);
  const cases = [
    { name: "wrong password", email: MANAGER, password: "not-the-password" },
    { name: "unknown email", email: "nobody@example.com", password: DEMO_PASSWORD },
    { name: "empty password", email: MANAGER, password: "" },
  ];
  for (const { name, email, password } of cases) {
    await test.step(name, async () => {
      await login.goto();
      await login.logIn(email, password);
      await expect(login.error).toHaveText(GENERIC_LOGIN_FAILURE);
      await expect(page).toHaveURL((url) => url.pathname === "/login");
      await expect(login.password, "password is never sent back").toHaveValue("");
    });
  }
});

test("old /web/login redirects", async ({ page, request }) => {
  const response = await request.get("/web/login", { maxRedirects: 0 });
  expect(response.status()).toBe(308);
  expect(response.headers().location).toBe("/login");

  await page.goto("/web/login");
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await expect(page.getByRole("button", { name: "Log in" })).toBeVisible();
});

test("anonymous /portal redirects to login", async ({ page }) => {
  await page.goto("/portal");
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await expect(page).toHaveURL((url) => url.searchParams.get("callbackUrl") === "/portal");
  await expect(page.getByRole("button", { name: "Log in" })).toBeVisible();
});

test("manager creates parent user", async ({ page, openSession }) => {
  const admin = new AdminParentPage(page);
  const portal = new PortalPage(page);
  let robertParentUrl = "";
  let setPasswordLink = "";
  let janePath = "";

  await test.step("manager creates Robert's portal user", async () => {
    await clearMailbox();
    await logInAs(page, MANAGER, DEMO_PASSWORD, "/admin/parents");
    await admin.openFromList("Robert Smith");
    robertParentUrl = page.url();

    await admin.createUserButton.click();
    await expect(admin.definition("User")).toHaveText(ROBERT);
    await expect(admin.createUserButton).toHaveCount(0);
  });

  await test.step("invitation email reaches the mail API", async () => {
    const email = await waitForOnlyEmailTo(ROBERT);
    expect(email.to).toEqual([ROBERT]);
    expect(email.from).toBe("Example School <office@example.com>");
    expect(email.subject).toBe("Your Example School portal account");
    expect(email.hasAuthorization).toBe(true);
    expect(email.idempotencyKey).toMatch(/^outbox-\d+$/);

    setPasswordLink = findSetPasswordLink(email);
    expect(setPasswordLink.startsWith(`${APP_URL}/set-password?token=`)).toBe(true);
    expect(email.html).toContain(setPasswordLink);

    await admin.waitForInvitationSent();
  });

  await test.step("Robert sets a password from the link", async () => {
    await logOut(page);
    await page.goto(setPasswordLink);
    await new SetPasswordPage(page).setPassword(ROBERT_PASSWORD);
    await expect(page).toHaveURL((url) => url.pathname === "/login");
    await expect(page.getByText(/password is set/)).toBeVisible();
  });

  await test.step("reused link is rejected", async () => {
    await page.goto(setPasswordLink);
    await expect(page.getByText(/already been used/)).toBeVisible();
    await expect(page.getByLabel("New password")).toHaveCount(0);
  });

  await test.step("Robert logs in with a mixed-case email", async () => {
    // NOTE: Chromium strips the spaces from a type="email" field before
    // submitting, so the server only sees the mixed case here.
    await logInAs(page, "  Robert.Smith@Example.com  ", ROBERT_PASSWORD, "/portal");
    await expect(portal.heading).toHaveText("Your children");
    await expect(portal.studentLink("John Smith")).toBeVisible();
    await expect(portal.studentLink("Jane Smith")).toBeVisible();
    await expect(portal.studentLink("Tom Brown")).toHaveCount(0);
    janePath = await portal.studentPath("Jane Smith");
  });

  await test.step("Robert opens his own child's page", async () => {
    await page.goto(janePath);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Jane Smith");
  });

  await test.step("Robert gets 404 for Tom Brown", async () => {
    const linda = await openSession();
    await logInAs(linda, LINDA, DEMO_PASSWORD, "/portal");
    const tomPath = await new PortalPage(linda).studentPath("Tom Brown");
    await linda.context().close();

    await expectPageNotFound(page, tomPath);
  });

  await test.step("Robert is sent from /admin to /portal", async () => {
    await page.goto("/admin");
    await expect(page).toHaveURL((url) => url.pathname === "/portal");
  });

  await test.step("manager removes Jane in another session", async () => {
    const manager = await openSession();
    await logInAs(manager, MANAGER, DEMO_PASSWORD, "/admin/parents");
    await manager.goto(robertParentUrl);
    const managerAdmin = new AdminParentPage(manager);
    await managerAdmin.removeStudent("Jane Smith");
    await expect(managerAdmin.removeButton("John Smith")).toBeVisible();
  });

  await test.step("Robert's open session no longer sees Jane", async () => {
    await expect(page).toHaveURL((url) => url.pathname === "/portal");
    await page.reload();
    // With John as his only child, the portal home opens John's page.
    await expect(page).toHaveURL((url) => /^\/portal\/students\/\d+$/.test(url.pathname));
    await expect(portal.heading).toHaveText("John Smith");
    await expect(page.getByRole("link", { name: "Jane Smith" })).toHaveCount(0);
    await expectPageNotFound(page, janePath);
  });
});
