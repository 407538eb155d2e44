import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { DEMO_PASSWORD } from "./support/e2e-settings";
import { expectPageNotFound, LoginPage, logInAs, PortalPage } from "./support/pages";

// Every page about one student, as a suffix of /portal/students/[id].
const CHILD_PAGES = ["", "/attendance", "/grades", "/fees"];
const STUDENT_PATH = /^\/portal\/students\/\d+$/;

/** Logs a student in and returns their page, where a user with one record lands. */
async function logInAsStudent(page: Page, email: string): Promise<string> {
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(email, DEMO_PASSWORD);
  await expect(page).toHaveURL((url) => STUDENT_PATH.test(url.pathname));
  return new URL(page.url()).pathname;
}

test("child pages follow the access rule", async ({ page, openSession }) => {
  await logInAs(page, "linda.brown@example.com", DEMO_PASSWORD, "/portal");
  const tomPath = await new PortalPage(page).studentPath("Tom Brown");

  const johnPage = await openSession();
  const johnPath = await logInAsStudent(johnPage, "john.smith@example.com");

  await test.step("a parent opens each page of her own child", async () => {
    for (const suffix of CHILD_PAGES) {
      const response = await page.goto(`${tomPath}${suffix}`);
      expect(response?.status(), `HTTP status of ${tomPath}${suffix}`).toBe(200);
    }
  });

  await test.step("a parent gets 404 on another family's child", async () => {
    for (const suffix of CHILD_PAGES) {
      await expectPageNotFound(page, `${johnPath}${suffix}`);
    }
  });

  await test.step("a student opens only their own pages", async () => {
    for (const suffix of CHILD_PAGES) {
      const response = await johnPage.goto(`${johnPath}${suffix}`);
      expect(response?.status(), `HTTP status of ${johnPath}${suffix}`).toBe(200);
      await expectPageNotFound(johnPage, `${tomPath}${suffix}`);
    }
  });
});
