import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { GET as getHealth } from "@/app/api/health/route";
import { isAllowedPreviewRecipient, mustCaptureEmail, previewBannerText } from "@/lib/deploy/preview";
import { checkHealth } from "@/lib/deploy/health";
import { prepareDeploymentDatabase } from "@/lib/deploy/prepare-database";
import { deliverDueEmails } from "@/lib/email/outbox";
import { getAppEnv, InvalidEnvironmentError, parseEnv } from "@/lib/env";
import { startQuietFakeMailApi, type RunningFakeMailApi } from "../support/faults-fixtures";
import {
  countRows,
  createTestDatabase,
  createUserForParent,
  insertParent,
  type TestDatabase,
} from "../support/test-db";

const RANDOM_SECRET = "Xq3vT9pL2mZr8Kd5Wn7Bc4Hy6Jf1Gs0A";
type Source = Record<string, string | undefined>;

function problemsOf(source: Source): string[] {
  try {
    parseEnv(source as NodeJS.ProcessEnv);
    return [];
  } catch (error) {
    if (!(error instanceof InvalidEnvironmentError)) throw error;
    return error.problems;
  }
}

const production = { APP_ENV: "production", APP_URL: "https://portal.example.org" };

describe("getAppEnv", () => {
  test.each([
    [{ APP_ENV: "preview", VERCEL_ENV: "production" }, "preview"],
    [{ VERCEL_ENV: "preview" }, "preview"],
    [{ VERCEL_ENV: "production" }, "production"],
    [{ VERCEL_ENV: "development" }, "development"],
    [{ NODE_ENV: "test" }, "test"],
    [{ NODE_ENV: "production" }, "development"],
    [{ APP_ENV: "staging" }, "production"],
  ])("%o is %s", (source, expected) => {
    expect(getAppEnv(source as NodeJS.ProcessEnv)).toBe(expected);
  });
});

describe("production environment", () => {
  test("random secret accepted", () => {
    expect(problemsOf({ ...production, AUTH_SECRET: RANDOM_SECRET })).toEqual([]);
  });

  test("missing AUTH_SECRET rejected", () => {
    const problems = problemsOf(production);
    expect(problems.some((line) => line.startsWith("AUTH_SECRET ") && line.includes("missing"))).toBe(true);
  });

  test("short AUTH_SECRET rejected", () => {
    const problems = problemsOf({ ...production, AUTH_SECRET: "Xq3vT9pL2m" });
    expect(problems.some((line) => line.includes("at least 32 characters"))).toBe(true);
  });

  test("placeholder AUTH_SECRET rejected", () => {
    const problems = problemsOf({ ...production, AUTH_SECRET: "please-changeme-0123456789-abcdefghijk" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('AUTH_SECRET contains "changeme"');
    expect(problems[0]).toContain("openssl rand -base64 32");
  });

  test("repetitive AUTH_SECRET rejected", () => {
    const problems = problemsOf({ ...production, AUTH_SECRET: "ab".repeat(20) });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("distinct characters");
  });

  test("test-suite secret rejected", () => {
    const problems = problemsOf({ ...production, AUTH_SECRET: process.env.AUTH_SECRET });
    expect(problems).toHaveLength(1);
  });

  test("missing APP_URL rejected", () => {
    const problems = problemsOf({ APP_ENV: "production", AUTH_SECRET: RANDOM_SECRET });
    expect(problems).toEqual(["APP_URL is required in production: links in emails are built from it"]);
  });

  test("placeholder secret allowed in preview", () => {
    expect(problemsOf({ APP_ENV: "preview", AUTH_SECRET: process.env.AUTH_SECRET })).toEqual([]);
  });

  test("unknown APP_ENV rejected", () => {
    const problems = problemsOf({ APP_ENV: "staging", APP_URL: "https://x.example.org", AUTH_SECRET: RANDOM_SECRET });
    expect(problems).toEqual([
      "APP_ENV must be one of development, preview, production, test, or empty to follow VERCEL_ENV",
    ]);
  });
});

describe("PREVIEW_EMAIL_ALLOWLIST", () => {
  test("parsed into lower-case entries", () => {
    const env = parseEnv({
      AUTH_SECRET: RANDOM_SECRET,
      PREVIEW_EMAIL_ALLOWLIST: " QA@Example.org, @Example-School.org  dev@example.net",
    } as Source as NodeJS.ProcessEnv);
    expect(env.PREVIEW_EMAIL_ALLOWLIST).toEqual(["qa@example.org", "@example-school.org", "dev@example.net"]);
  });

  test("invalid entry rejected", () => {
    const problems = problemsOf({ AUTH_SECRET: RANDOM_SECRET, PREVIEW_EMAIL_ALLOWLIST: "qa@example.org, example.org" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^PREVIEW_EMAIL_ALLOWLIST must list email addresses or @domains/);
  });

  test.each([
    ["qa@example.org", true],
    ["QA@Example.org", true],
    ["anyone@example-school.org", true],
    ["x@sub.example-school.org", false],
    ["qa@example.org.evil.test", false],
    ["other@example.org", false],
    ["not-an-address", false],
  ])("%s allowed is %s", (recipient, expected) => {
    expect(isAllowedPreviewRecipient(recipient, ["qa@example.org", "@example-school.org"])).toBe(expected);
  });

  test("outside preview nothing is captured", () => {
    expect(mustCaptureEmail("anyone@example.com", { APP_ENV: "production" } as Source as NodeJS.ProcessEnv)).toBe(false);
  });

  test("preview with empty list captures all", () => {
    expect(mustCaptureEmail("qa@example.org", { APP_ENV: "preview" } as Source as NodeJS.ProcessEnv)).toBe(true);
  });
});

describe("preview banner", () => {
  test("names the branch", () => {
    const text = previewBannerText({ VERCEL_ENV: "preview", VERCEL_GIT_COMMIT_REF: "feature/fees" } as Source as NodeJS.ProcessEnv);
    expect(text).toBe("Preview deployment — emails are captured, not sent (branch feature/fees)");
  });

  test("without a branch", () => {
    expect(previewBannerText({ APP_ENV: "preview" } as Source as NodeJS.ProcessEnv)).toBe(
      "Preview deployment — emails are captured, not sent",
    );
  });

  test.each(["production", "development", "test"])("absent in %s", (appEnv) => {
    expect(previewBannerText({ APP_ENV: appEnv } as Source as NodeJS.ProcessEnv)).toBeNull();
  });
});

describe("with a database", () => {
  let testDb: TestDatabase;
  let db: Database;
  const saved: Source = {};
  const names = ["APP_ENV", "PREVIEW_EMAIL_ALLOWLIST", "RESEND_API_KEY", "RESEND_BASE_URL"];

  beforeEach(async () => {
    for (const name of names) saved[name] = process.env[name];
    testDb = await createTestDatabase();
    db = testDb.db;
  });

  afterEach(async () => {
    for (const name of names) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    vi.restoreAllMocks();
    await testDb.cleanup();
  });

  describe("preview email", () => {
    let api: RunningFakeMailApi;

    beforeEach(async () => {
      api = await startQuietFakeMailApi();
      process.env.APP_ENV = "preview";
      process.env.PREVIEW_EMAIL_ALLOWLIST = "@qa.example.org";
      process.env.RESEND_API_KEY = "re_test";
      process.env.RESEND_BASE_URL = api.url;
    });

    afterEach(async () => {
      await api.stop();
    });

    async function invite(email: string): Promise<number> {
      const userId = await createUserForParent(db, await insertParent(db, { name: email, email }));
      const row = await db.query.emailOutbox.findFirst({ where: eq(emailOutbox.userId, userId) });
      return row!.id;
    }

    test("allowed recipient is sent", async () => {
      const id = await invite("tester@qa.example.org");
      await deliverDueEmails(db, { ids: [id] });
      expect(api.messages.map((message) => message.to)).toEqual([["tester@qa.example.org"]]);
      const row = await db.query.emailOutbox.findFirst({ where: eq(emailOutbox.id, id) });
      expect(row?.transport).toBe("resend");
    });

    test("other recipient is captured", async () => {
      const id = await invite("real.parent@example.com");
      expect(await deliverDueEmails(db, { ids: [id] })).toEqual({ sent: 1, failed: 0 });
      expect(api.requests).toHaveLength(0);
      const row = await db.query.emailOutbox.findFirst({ where: eq(emailOutbox.id, id) });
      expect(row?.transport).toBe("local");
      expect((row?.payload as Record<string, unknown>).setPasswordUrl).toMatch(/set-password\?token=/);
    });
  });

  describe("prepareDeploymentDatabase", () => {
    test("seeds an empty preview database", async () => {
      const result = await prepareDeploymentDatabase(db, { APP_ENV: "preview" } as Source as NodeJS.ProcessEnv);
      expect(result).toEqual({ seeded: true });
      expect(await countRows(db, "students")).toBeGreaterThan(0);
    });

    test("leaves a used preview database alone", async () => {
      await insertParent(db, { name: "Existing", email: "existing@example.com" });
      await createUserForParent(db, 1);
      const result = await prepareDeploymentDatabase(db, { APP_ENV: "preview" } as Source as NodeJS.ProcessEnv);
      expect(result).toEqual({ seeded: false });
      expect(await countRows(db, "students")).toBe(0);
    });

    test.each(["production", "development"])("never seeds %s", async (appEnv) => {
      const result = await prepareDeploymentDatabase(db, { APP_ENV: appEnv } as Source as NodeJS.ProcessEnv);
      expect(result).toEqual({ seeded: false });
      expect(await countRows(db, "users")).toBe(0);
    });
  });

  describe("health", () => {
    test("migrated database is ok", async () => {
      const report = await checkHealth(db);
      expect(report.status).toBe("ok");
      expect(report.database).toBe("ok");
      expect(report.migrations.status).toBe("current");
      expect(report.migrations.applied).toBe(report.migrations.expected);
    });

    test("missing migration is behind", async () => {
      await db.$client.execute(
        'DELETE FROM "__drizzle_migrations" WHERE created_at = (SELECT max(created_at) FROM "__drizzle_migrations")',
      );
      const report = await checkHealth(db);
      expect(report.status).toBe("unavailable");
      expect(report.migrations.status).toBe("behind");
    });

    test("closed database is unavailable", async () => {
      vi.spyOn(console, "error").mockImplementation(() => {});
      db.$client.close();
      const report = await checkHealth(db);
      expect(report).toEqual({
        status: "unavailable",
        database: "unavailable",
        migrations: { status: "unknown", applied: null, expected: report.migrations.expected },
      });
    });

    test("route returns 200 and no secrets", async () => {
      const state = globalThis as unknown as { portalDb?: Database };
      const previous = state.portalDb;
      state.portalDb = db;
      try {
        const response = await getHealth();
        expect(response.status).toBe(200);
        expect(response.headers.get("cache-control")).toBe("no-store");
        const body = await response.text();
        expect(body).not.toContain(testDb.url);
        expect(body).not.toContain(process.env.AUTH_SECRET!);
        expect(Object.keys(JSON.parse(body)).sort()).toEqual(["database", "migrations", "status"]);
      } finally {
        state.portalDb = previous;
      }
    });

    test("route returns 503 when behind", async () => {
      await db.$client.execute('DELETE FROM "__drizzle_migrations"');
      const state = globalThis as unknown as { portalDb?: Database };
      const previous = state.portalDb;
      state.portalDb = db;
      try {
        expect((await getHealth()).status).toBe(503);
      } finally {
        state.portalDb = previous;
      }
    });
  });
});
