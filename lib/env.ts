import { z } from "zod";

const DEFAULT_DATABASE_URL = "file:data/app.db";
const DEFAULT_APP_URL = "http://localhost:3000";

export const APP_ENVS = ["development", "preview", "production", "test"] as const;
export type AppEnv = (typeof APP_ENVS)[number];

function isAppEnv(value: string): value is AppEnv {
  return (APP_ENVS as readonly string[]).includes(value);
}

/**
 * Returns the deployment environment: APP_ENV when set, else VERCEL_ENV
 * (which Vercel sets to production, preview or development), else "test"
 * under Vitest (NODE_ENV=test), else "development". `next start` sets
 * NODE_ENV to "production" for the local demo too, so NODE_ENV never makes a
 * deployment production. An APP_ENV that is not one of APP_ENVS counts as
 * "production", the strictest, and parseEnv rejects it at startup.
 */
export function getAppEnv(env: NodeJS.ProcessEnv = process.env): AppEnv {
  const explicit = env.APP_ENV?.trim();
  if (explicit) return isAppEnv(explicit) ? explicit : "production";
  const vercel = env.VERCEL_ENV?.trim();
  if (vercel && isAppEnv(vercel)) return vercel;
  return env.NODE_ENV === "test" ? "test" : "development";
}

/** Checks whether this process serves real users: APP_ENV, else VERCEL_ENV, is production. */
export function isProductionDeployment(env: NodeJS.ProcessEnv = process.env): boolean {
  return getAppEnv(env) === "production";
}

/** Words of example and placeholder secrets. A generated secret contains one only by rare chance. */
const PLACEHOLDER_SECRET_WORDS = ["changeme", "change-me", "secret", "example", "default", "password", "placeholder"];
/** Minimum number of distinct characters in a production AUTH_SECRET. `openssl rand -hex 32` has up to 16. */
const MIN_SECRET_DISTINCT_CHARACTERS = 12;

/** Returns why `secret` is unfit for production, or null when it looks generated. */
function productionSecretProblem(secret: string | undefined): string | null {
  const value = secret?.trim() ?? "";
  // A missing or short value is already reported by the schema.
  if (value.length < 32) return null;
  const word = PLACEHOLDER_SECRET_WORDS.find((candidate) => value.toLowerCase().includes(candidate));
  if (word) {
    return `AUTH_SECRET contains "${word}", so it looks like a placeholder: in production set it to a random value from \`openssl rand -base64 32\``;
  }
  if (new Set(value).size < MIN_SECRET_DISTINCT_CHARACTERS) {
    return `AUTH_SECRET has fewer than ${MIN_SECRET_DISTINCT_CHARACTERS} distinct characters, so it is not random: in production set it to a value from \`openssl rand -base64 32\``;
  }
  return null;
}

const EMAIL_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const EMAIL_DOMAIN = /^@[^\s@]+\.[^\s@]+$/;

/**
 * Splits PREVIEW_EMAIL_ALLOWLIST (addresses and @domains, separated by commas
 * or spaces) into lower-case entries.
 */
export function parseEmailAllowlist(value: string | undefined): string[] {
  return (value ?? "")
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== "");
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    new Intl.NumberFormat("en", { style: "currency", currency: code });
    return true;
  } catch {
    return false;
  }
}

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const envSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .trim()
      .default(DEFAULT_DATABASE_URL)
      .refine((url) => /^(file:|libsql:|https?:|wss?:)/.test(url), {
        message:
          'must start with "file:" (embedded database) or "libsql://" (Turso)',
      }),
    DATABASE_AUTH_TOKEN: optionalText,
    AUTH_SECRET: z
      .string({
        error:
          "is missing: set it to a random value (`openssl rand -base64 32`), or run `npm run demo` once, which writes one to .env.local",
      })
      .min(32, "must be at least 32 characters: generate one with `openssl rand -base64 32`"),
    APP_URL: z
      .string()
      .trim()
      .default(DEFAULT_APP_URL)
      .pipe(
        z.url({
          protocol: /^https?$/,
          error: "must be an absolute http(s) URL such as https://portal.example-school.org",
        }),
      )
      .transform((url) => url.replace(/\/+$/, "")),
    RESEND_API_KEY: optionalText,
    EMAIL_FROM: z
      .string()
      .trim()
      .default("Parent Portal <portal@example.com>")
      .refine((from) => !/[\r\n]/.test(from), {
        message: "must be a single line such as School <portal@school.org>",
      }),
    SCHOOL_NAME: z.string().trim().min(1).default("Example School"),
    APP_ENV: z
      .string()
      .trim()
      .optional()
      .refine((value) => value === undefined || value === "" || isAppEnv(value), {
        message: `must be one of ${APP_ENVS.join(", ")}, or empty to follow VERCEL_ENV`,
      }),
    PREVIEW_EMAIL_ALLOWLIST: z
      .string()
      .optional()
      .transform(parseEmailAllowlist)
      .refine((entries) => entries.every((entry) => EMAIL_ADDRESS.test(entry) || EMAIL_DOMAIN.test(entry)), {
        message:
          "must list email addresses or @domains separated by commas, such as qa@example.org, @example-school.org",
      }),
    TRUSTED_PROXY: z
      .string()
      .trim()
      .optional()
      .refine((value) => value === undefined || value === "" || value === "1", {
        message: 'must be "1" (behind a proxy that sets X-Forwarded-For) or empty',
      }),
    SCHOOL_TIME_ZONE: z
      .string()
      .trim()
      .default("Europe/London")
      .refine(isTimeZone, {
        message: "must be an IANA time zone such as Europe/London or America/New_York",
      }),
    SCHOOL_CURRENCY: z
      .string()
      .trim()
      .toUpperCase()
      .default("GBP")
      .refine(isCurrency, { message: "must be an ISO 4217 currency code such as GBP, USD or EUR" }),
  });

export type Env = z.infer<typeof envSchema> & { appEnv: AppEnv };

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "InvalidEnvironmentError";
  }
}

/** Parses the environment, throwing one line per missing or bad variable. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
  // Checked on `source` rather than in the schema, because the schema receives
  // APP_URL with its default already applied.
  if (isProductionDeployment(source) && !source.APP_URL?.trim()) {
    problems.push("APP_URL is required in production: links in emails are built from it");
  }
  if (isProductionDeployment(source)) {
    const secretProblem = productionSecretProblem(source.AUTH_SECRET);
    if (secretProblem) problems.push(secretProblem);
  }
  if (problems.length > 0) throw new InvalidEnvironmentError(problems);
  return { ...result.data!, appEnv: getAppEnv(source) };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}
