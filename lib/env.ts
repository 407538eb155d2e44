import { z } from "zod";

const DEFAULT_DATABASE_URL = "file:data/app.db";
const DEFAULT_APP_URL = "http://localhost:3000";

/**
 * Whether this process serves real users. `next start` sets NODE_ENV to
 * "production" for the local demo too, so deployments set APP_ENV or VERCEL_ENV explicitly.
 */
export function isProductionDeployment(env = process.env): boolean {
  return env.APP_ENV === "production" || env.VERCEL_ENV === "production";
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

export type Env = z.infer<typeof envSchema>;

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
  if (problems.length > 0) throw new InvalidEnvironmentError(problems);
  return result.data!;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}
