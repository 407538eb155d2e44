import { expect, type Locator, type Page } from "@playwright/test";

// Page objects: each wraps the labels and roles one page shows its users.

export class LoginPage {
  constructor(readonly page: Page) {}

  get email(): Locator {
    return this.page.getByLabel("Email", { exact: true });
  }
  get password(): Locator {
    return this.page.getByLabel("Password", { exact: true });
  }
  get error(): Locator {
    return this.page.getByRole("main").getByRole("alert");
  }

  async goto() {
    await this.page.goto("/login");
  }

  /** Submits the form. The caller checks where the browser lands. */
  async logIn(email: string, password: string) {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.page.getByRole("button", { name: "Log in" }).click();
  }
}

/** Opens /login, logs in and waits for the landing page at `landingPath`. */
export async function logInAs(page: Page, email: string, password: string, landingPath: string) {
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(email, password);
  await expect(page).toHaveURL((url) => url.pathname === landingPath);
}

export async function logOut(page: Page) {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/login");
}

export class AdminParentPage {
  constructor(readonly page: Page) {}

  get createUserButton(): Locator {
    return this.page.getByRole("button", { name: "Create Parent User" });
  }
  get invitationSent(): Locator {
    return this.page.getByText("Invitation: sent");
  }

  /** Opens /admin/parents and follows the link with the parent's name. */
  async openFromList(parentName: string) {
    await this.page.goto("/admin/parents");
    await this.page.getByRole("link", { name: parentName, exact: true }).click();
    await expect(this.page).toHaveURL(/\/admin\/parents\/\d+$/);
    await expect(this.page.getByRole("heading", { name: parentName })).toBeVisible();
  }

  /** Returns the value (dd) of a term (dt) in the parent's details. */
  definition(term: string): Locator {
    return this.page
      .locator("dt", { hasText: new RegExp(`^\\s*${term}\\s*$`) })
      .locator("xpath=following-sibling::dd[1]");
  }

  removeButton(studentName: string): Locator {
    return this.page.getByRole("button", { name: `Remove ${studentName}`, exact: true });
  }

  /** Clicks Remove for one student, accepting a confirmation dialog if the page shows one. */
  async removeStudent(studentName: string) {
    this.page.once("dialog", (dialog) => dialog.accept());
    await this.removeButton(studentName).click();
    await expect(this.removeButton(studentName)).toHaveCount(0);
  }

  /** Reloads until the invitation is shown as sent, because the app sends it after its response. */
  async waitForInvitationSent() {
    await expect(async () => {
      await this.page.reload();
      await expect(this.invitationSent).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
  }
}

export class SetPasswordPage {
  constructor(readonly page: Page) {}

  get newPassword(): Locator {
    return this.page.getByLabel("New password", { exact: true });
  }
  get confirmPassword(): Locator {
    return this.page.getByLabel("Confirm password", { exact: true });
  }

  async setPassword(password: string) {
    await this.newPassword.fill(password);
    await this.confirmPassword.fill(password);
    await this.page.getByRole("button", { name: "Set password" }).click();
  }
}

export class PortalPage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole("heading", { level: 1 });
  }

  studentLink(studentName: string): Locator {
    return this.page.getByRole("main").getByRole("link", { name: studentName, exact: true });
  }

  /** Returns the /portal/students/[id] path that a student's link points to. */
  async studentPath(studentName: string): Promise<string> {
    const href = await this.studentLink(studentName).getAttribute("href");
    expect(href, `link to ${studentName}`).toMatch(/^\/portal\/students\/\d+$/);
    return href!;
  }
}

/** Opens `path` and checks that the app responds with its 404 page and status. */
export async function expectPageNotFound(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `HTTP status of ${path}`).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
}
