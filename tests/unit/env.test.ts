import { describe, expect, test } from "vitest";
import { InvalidEnvironmentError, parseEnv } from "@/lib/env";

const SECRET = "Xq3vT9pL2mZr8Kd5Wn7Bc4Hy6Jf1Gs0A";

// NodeJS.ProcessEnv requires NODE_ENV (Next.js declares it), which parseEnv does not read.
type Source = Record<string, string | undefined>;

function parse(source: Source) {
  return parseEnv(source as NodeJS.ProcessEnv);
}

/** Runs parseEnv and returns the problem lines it throws, or [] when it accepts the input. */
function problemsOf(source: Source): string[] {
  try {
    parse(source);
    return [];
  } catch (error) {
    if (!(error instanceof InvalidEnvironmentError)) throw error;
    return error.problems;
  }
}

function problemFor(problems: string[], variable: string): string | undefined {
  return problems.find((line) => line.startsWith(`${variable} `));
}

describe("parseEnv accepts", () => {
  test("minimal development setup", () => {
    const env = parse({ AUTH_SECRET: SECRET });
    expect(env.DATABASE_URL).toBe("file:data/app.db");
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.SCHOOL_NAME).toBe("Example School");
    expect(env.RESEND_API_KEY).toBeUndefined();
  });

  test("APP_URL trailing slash removed", () => {
    const env = parse({ AUTH_SECRET: SECRET, APP_URL: "https://portal.example.org/ " });
    expect(env.APP_URL).toBe("https://portal.example.org");
  });

  test("blank RESEND_API_KEY is unset", () => {
    const env = parse({ AUTH_SECRET: SECRET, RESEND_API_KEY: "  " });
    expect(env.RESEND_API_KEY).toBeUndefined();
  });

  test.each(["file:data/app.db", "libsql://portal.turso.io", "http://127.0.0.1:8080"])(
    "DATABASE_URL %s",
    (url) => {
      expect(problemsOf({ AUTH_SECRET: SECRET, DATABASE_URL: url })).toEqual([]);
    },
  );

  test("production with APP_URL", () => {
    const problems = problemsOf({
      AUTH_SECRET: SECRET,
      APP_ENV: "production",
      APP_URL: "https://portal.example.org",
    });
    expect(problems).toEqual([]);
  });
});

describe("parseEnv rejects", () => {
  test("AUTH_SECRET missing", () => {
    const problems = problemsOf({});
    expect(problems).toHaveLength(1);
    expect(problemFor(problems, "AUTH_SECRET")).toContain("missing");
  });

  test("AUTH_SECRET too short", () => {
    const problems = problemsOf({ AUTH_SECRET: "short" });
    expect(problemFor(problems, "AUTH_SECRET")).toContain("at least 32 characters");
  });

  test.each(["not a url", "ftp://portal.example.org", "portal.example.org"])(
    "APP_URL %j",
    (url) => {
      const problems = problemsOf({ AUTH_SECRET: SECRET, APP_URL: url });
      expect(problems).toHaveLength(1);
      expect(problemFor(problems, "APP_URL")).toContain("absolute http(s) URL");
    },
  );

  test("DATABASE_URL bad scheme", () => {
    const problems = problemsOf({ AUTH_SECRET: SECRET, DATABASE_URL: "postgres://db/portal" });
    expect(problems).toHaveLength(1);
    expect(problemFor(problems, "DATABASE_URL")).toContain('"file:"');
  });

  test("EMAIL_FROM with line break", () => {
    const problems = problemsOf({
      AUTH_SECRET: SECRET,
      EMAIL_FROM: "School <portal@example.org>\r\nBcc: evil@example.com",
    });
    expect(problemFor(problems, "EMAIL_FROM")).toContain("single line");
  });

  test("one line per bad variable", () => {
    const problems = problemsOf({ APP_URL: "not a url", DATABASE_URL: "postgres://db/portal" });
    expect(problems).toHaveLength(3);
    expect(problemFor(problems, "AUTH_SECRET")).toBeDefined();
    expect(problemFor(problems, "APP_URL")).toBeDefined();
    expect(problemFor(problems, "DATABASE_URL")).toBeDefined();
  });

  test("error message lists each line", () => {
    let message = "";
    try {
      parse({ APP_URL: "not a url", DATABASE_URL: "postgres://db/portal" });
    } catch (error) {
      message = (error as Error).message;
    }
    const lines = message.split("\n");
    expect(lines[0]).toBe("Invalid environment:");
    expect(lines.slice(1)).toHaveLength(3);
    expect(lines.slice(1).every((line) => line.startsWith("  - "))).toBe(true);
  });

  test.each([
    ["APP_ENV", { APP_ENV: "production" }],
    ["VERCEL_ENV", { VERCEL_ENV: "production" }],
  ])("production (%s) without APP_URL", (_name, flags) => {
    const problems = problemsOf({ AUTH_SECRET: SECRET, ...flags });
    expect(problems).toHaveLength(1);
    expect(problemFor(problems, "APP_URL")).toContain("required in production");
  });

  test("production APP_URL and other errors together", () => {
    const problems = problemsOf({ APP_ENV: "production" });
    expect(problemFor(problems, "AUTH_SECRET")).toBeDefined();
    expect(problemFor(problems, "APP_URL")).toContain("required in production");
  });
});

test("TRUSTED_PROXY other than 1 rejected", () => {
  const problem = problemFor(problemsOf({ AUTH_SECRET: SECRET, TRUSTED_PROXY: "true" }), "TRUSTED_PROXY");
  expect(problem).toMatch(/must be "1"/);
});
