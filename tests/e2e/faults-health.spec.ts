import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./support/fixtures";

test("health route works without login", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("no-store");
  const body = await response.json();
  expect(body.status).toBe("ok");
  expect(body.database).toBe("ok");
  expect(body.migrations.status).toBe("current");
});

test("no preview banner outside preview", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByText("Preview deployment")).toHaveCount(0);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations).toEqual([]);
});
