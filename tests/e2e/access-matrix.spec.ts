import { createClient, type Client } from "@libsql/client";
import {
  request as playwrightRequest,
  type APIRequestContext,
  type APIResponse,
  type Browser,
} from "@playwright/test";
import {
  listBuiltActions,
  listRoutes,
  listSourceActions,
  type BuiltServerAction,
} from "../support/app-inventory";
import {
  ACTION_ROWS,
  ROLES,
  ROUTE_ROWS,
  type ActionRow,
  type Expected,
  type FixtureName,
  type Role,
  type RouteRow,
} from "./access-matrix";
import { APP_URL, DEMO_PASSWORD, E2E_DATABASE_FILE } from "./support/e2e-settings";
import { expect, test } from "./support/fixtures";

// Requests every cell of tests/e2e/access-matrix.ts against the built server
// with real sessions, once plainly and once with each header or query
// parameter of known Next.js middleware bypasses. The role sessions are
// logged in through the app's own logIn server action.

const PARENT_A = "linda.brown@example.com";
const STUDENT = "john.smith@example.com";
const MANAGER = "manager@example.com";
const MISSING_ID = 999_999;
const SESSION_MESSAGE = /session has ended/i;

type Variant = { name: string; headers?: Record<string, string>; query?: string };

/** Requests that skipped the middleware in some Next.js releases, or change what a page returns. */
const HEADER_VARIANTS: Variant[] = [
  ...["middleware", "src/middleware", "middleware:middleware:middleware:middleware:middleware", "pages/_middleware"].map(
    (value) => ({ name: `x-middleware-subrequest: ${value}`, headers: { "x-middleware-subrequest": value } }),
  ),
  { name: "RSC prefetch", headers: { RSC: "1", "Next-Router-Prefetch": "1" } },
  {
    name: "Next-Router-State-Tree",
    headers: {
      RSC: "1",
      // The tree a client sends from the home page, which claims no segment of the requested page.
      "Next-Router-State-Tree": encodeURIComponent(JSON.stringify(["", { children: ["__PAGE__", {}, null, null, 0] }, null, null, 0])),
    },
  },
];

/** Extra query parameters, sent on paths with a dynamic segment. */
const QUERY_VARIANTS: Variant[] = [
  { name: "?id=", query: "id={childA}" },
  { name: "?__nextDataReq=1", query: "__nextDataReq=1" },
  { name: "?_rsc=x", query: "_rsc=x" },
];

type Fixtures = Record<FixtureName, number>;

type World = {
  db: Client;
  fixtures: Fixtures;
  sessions: Record<Role, APIRequestContext>;
  /** Names that each role must never see in a response body. */
  forbiddenNames: Record<Role, string[]>;
  deactivatedUserId: number;
};

let world: World;

async function queryNumber(db: Client, sql: string, args: (string | number)[] = []): Promise<number> {
  const result = await db.execute({ sql, args });
  expect(result.rows.length, `rows of: ${sql}`).toBeGreaterThan(0);
  return Number(result.rows[0][0]);
}

async function queryNames(db: Client, sql: string, args: (string | number)[]): Promise<string[]> {
  const result = await db.execute({ sql, args });
  return result.rows.map((row) => String(row[0]));
}

/** Returns two active parent users of generated families with two or more children each. */
async function findOtherParents(db: Client) {
  const result = await db.execute(`
    SELECT u.id, u.login, p.id AS parent_id
    FROM users u
    JOIN parents p ON p.user_id = u.id
    WHERE u.is_parent = 1 AND u.active = 1 AND u.login GLOB '*[0-9]@example.com'
      AND (SELECT count(*) FROM parent_students ps WHERE ps.parent_id = p.id) >= 2
    ORDER BY u.id
    LIMIT 2`);
  expect(result.rows.length, "generated parents with two children").toBe(2);
  return result.rows.map((row) => ({ userId: Number(row.id), login: String(row.login), parentId: Number(row.parent_id) }));
}

/** Returns SQLite's data_version, which changes when another connection commits a write. */
async function dataVersion(db: Client): Promise<number> {
  return queryNumber(db, "PRAGMA data_version");
}

/**
 * Builds the multipart body that React's encodeReply sends for
 * `(previousState, formData)`: the form's fields prefixed with `_1_`, then
 * the arguments in part "0", which refers to them as "$K1". The server reads
 * the form fields only when they come before part "0".
 */
function actionBody(form: Record<string, string> = {}): Record<string, string> {
  const body: Record<string, string> = {};
  for (const [name, value] of Object.entries(form)) body[`_1_${name}`] = value;
  body["0"] = JSON.stringify([null, "$K1"]);
  return body;
}

function callAction(
  session: APIRequestContext,
  path: string,
  actionId: string,
  form: Record<string, string> | undefined,
  headers: Record<string, string> = {},
): Promise<APIResponse> {
  return session.post(path, {
    headers: { "Next-Action": actionId, Accept: "text/x-component", Origin: APP_URL, ...headers },
    multipart: actionBody(form),
    maxRedirects: 0,
    failOnStatusCode: false,
  });
}

/** Logs in through the login page in a browser, and returns a request context with its cookies. */
async function logIn(browser: Browser, login: string): Promise<APIRequestContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${APP_URL}/login`);
  await page.getByLabel("Email", { exact: true }).fill(login);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).not.toHaveURL((url) => url.pathname === "/login");
  const session = await playwrightRequest.newContext({ baseURL: APP_URL, storageState: await context.storageState() });
  await context.close();
  const access = await (await session.get("/api/session/access")).json();
  expect(access.signedIn, `session of ${login}`).toBe(true);
  return session;
}

function fillPath(template: string, fixtures: Fixtures): string {
  return template.replace(/\{(\w+)\}/g, (_, name: FixtureName) => {
    expect(fixtures[name], `fixture ${name}`).toBeDefined();
    return String(fixtures[name]);
  });
}

function withQuery(path: string, query: string): string {
  return `${path}${path.includes("?") ? "&" : "?"}${query}`;
}

/** Describes a response as "200", "404" or "→/location-path", the notation of the table. */
function describeResponse(response: APIResponse): string {
  const location = response.headers()["location"];
  if (response.status() >= 300 && response.status() < 400 && location) {
    const target = new URL(location, APP_URL);
    return `→${target.pathname}`;
  }
  return String(response.status());
}

function matches(actual: string, expected: Expected): boolean {
  return expected.startsWith("→") ? actual.startsWith(expected) : actual === expected;
}

/** Returns true when a 2xx body is the App Router's redirect or not-found payload rather than page content. */
function isRouterDenial(body: string): boolean {
  return /NEXT_REDIRECT|NEXT_HTTP_ERROR_FALLBACK|Page not found/.test(body);
}

/** Returns "answered" when the action returned a result or redirect other than a session message. */
async function readActionOutcome(response: APIResponse): Promise<{ outcome: "answered" | "rejected"; detail: string }> {
  const body = await response.text();
  const redirect = response.headers()["x-action-redirect"];
  const isFlight = (response.headers()["content-type"] ?? "").includes("text/x-component");
  const result = isFlight ? /^1:(\{.*\})$/m.exec(body) : null;
  const detail = `HTTP ${response.status()}${redirect ? ` x-action-redirect ${redirect}` : ""}: ${body.slice(0, 200)}`;
  if (response.status() === 200 && redirect) return { outcome: "answered", detail };
  if (response.status() === 200 && result && !SESSION_MESSAGE.test(result[1])) return { outcome: "answered", detail };
  return { outcome: "rejected", detail };
}

function patternOfWorker(worker: string): string {
  const pattern = worker.replace(/^app/, "").replace(/\/page$/, "");
  return pattern === "" ? "/" : pattern;
}

/** Returns the page a role posts an action to: one of its pages that the role may open, or else the first. */
function actionPath(action: BuiltServerAction, role: Role): string {
  const candidates = action.workers
    .map(patternOfWorker)
    .flatMap((pattern) => ROUTE_ROWS.filter((row) => row.pattern === pattern));
  const reachable = candidates.find((row) => row.expect[role] === "200") ?? candidates[0];
  expect(reachable, `a route row for a page of ${action.key}`).toBeDefined();
  return fillPath(reachable!.path, world.fixtures);
}

/** Logs every role in and reads the fixtures, once per worker. */
async function loadWorld(browser: Browser) {
  if (world) return;
  // The server writes to the same file, so writes here wait up to 5 s for its lock.
  const db = createClient({ url: `file:${E2E_DATABASE_FILE}`, timeout: 5000 });
  const [parentB, deactivated] = await findOtherParents(db);
  const childB = await queryNumber(db, "SELECT min(student_id) FROM parent_students WHERE parent_id = ?", [parentB.parentId]);
  const childA = await queryNumber(db, "SELECT id FROM students WHERE name = 'Tom Brown'");
  const fixtures: Fixtures = {
    childA,
    childB,
    ownStudent: await queryNumber(db, "SELECT s.id FROM students s JOIN users u ON u.id = s.user_id WHERE u.login = ?", [STUDENT]),
    missingId: MISSING_ID,
    parentAId: await queryNumber(db, "SELECT p.id FROM parents p JOIN users u ON u.id = p.user_id WHERE u.login = ?", [PARENT_A]),
    parentAUserId: await queryNumber(db, "SELECT id FROM users WHERE login = ?", [PARENT_A]),
    feeOfChildA: await queryNumber(db, "SELECT min(id) FROM fees WHERE student_id = ?", [childA]),
    examId: await queryNumber(db, "SELECT min(id) FROM exams"),
    emailId: 0,
  };

  const sessions = {
    anonymous: await playwrightRequest.newContext({ baseURL: APP_URL }),
    parentA: await logIn(browser, PARENT_A),
    parentB: await logIn(browser, parentB.login),
    student: await logIn(browser, STUDENT),
    deactivated: await logIn(browser, deactivated.login),
    manager: await logIn(browser, MANAGER),
  } satisfies Record<Role, APIRequestContext>;

  // The reset email gives /admin/emails/[id] a row to show.
  const resetPage = await browser.newPage();
  await resetPage.goto(`${APP_URL}/forgot-password`);
  await resetPage.getByLabel("Email", { exact: true }).fill(deactivated.login);
  await resetPage.getByRole("button", { name: "Send reset link" }).click();
  await expect(resetPage.getByRole("main").getByRole("status")).toBeVisible();
  await resetPage.close();
  await expect.poll(() => queryNumber(db, "SELECT count(*) FROM email_outbox"), { message: "emails in the outbox" }).toBeGreaterThan(0);
  fixtures.emailId = await queryNumber(db, "SELECT min(id) FROM email_outbox");

  // The deactivated user keeps a validly signed cookie from before.
  await db.execute({ sql: "UPDATE users SET active = 0 WHERE id = ?", args: [deactivated.userId] });

  const familyA = ["Tom Brown", "Lucy Brown"];
  const familyB = await queryNames(
    db,
    "SELECT s.name FROM students s JOIN parent_students ps ON ps.student_id = s.id WHERE ps.parent_id = ?",
    [parentB.parentId],
  );
  const john = ["John Smith"];
  world = {
    db,
    fixtures,
    sessions,
    deactivatedUserId: deactivated.userId,
    forbiddenNames: {
      anonymous: [...familyA, ...familyB, ...john],
      parentA: [...familyB, ...john],
      parentB: [...familyA, ...john],
      student: [...familyA, ...familyB],
      deactivated: [...familyA, ...familyB, ...john],
      manager: [],
    },
  };
}

test.afterAll(async () => {
  if (!world) return;
  await world.db.execute({ sql: "UPDATE users SET active = 1 WHERE id = ?", args: [world.deactivatedUserId] });
  for (const session of Object.values(world.sessions)) await session.dispose();
  world.db.close();
});

test("matrix lists every page and route", () => {
  const appPatterns = [...new Set(listRoutes().map((route) => route.pattern))];
  const rowPatterns = [...new Set(ROUTE_ROWS.map((row) => row.pattern))];
  expect(appPatterns.filter((pattern) => !rowPatterns.includes(pattern)), "pages and routes without a row").toEqual([]);
  expect(rowPatterns.filter((pattern) => !appPatterns.includes(pattern)), "rows naming no page or route").toEqual([]);
});

test("matrix lists every server action", () => {
  const sourceKeys = listSourceActions().map((action) => action.key);
  const builtKeys = listBuiltActions().map((action) => action.key);
  const rowKeys = ACTION_ROWS.map((row) => row.key);
  expect(sourceKeys.filter((key) => !rowKeys.includes(key)), "exported server functions without a row").toEqual([]);
  expect(builtKeys.filter((key) => !rowKeys.includes(key)), "actions of the build without a row").toEqual([]);
  expect(rowKeys.filter((key) => !sourceKeys.includes(key)), "rows naming no exported server function").toEqual([]);
  expect(rowKeys.filter((key) => !builtKeys.includes(key)), "rows naming no action of the build").toEqual([]);
});

test("Auth.js POST endpoints are closed", async () => {
  // Sign-in must go through the logIn action, which applies the login throttle.
  const session = await playwrightRequest.newContext({ baseURL: APP_URL });
  const { csrfToken } = await (await session.get("/api/auth/csrf")).json();
  for (const path of ["/api/auth/callback/credentials", "/api/auth/signin/credentials"]) {
    const response = await session.post(path, {
      form: { csrfToken, email: MANAGER, password: DEMO_PASSWORD },
      maxRedirects: 0,
      failOnStatusCode: false,
    });
    expect(response.status(), `HTTP status of POST ${path}`).toBe(404);
  }
  const access = await (await session.get("/api/session/access")).json();
  expect(access.signedIn, "session after the POSTs").toBe(false);
  await session.dispose();
});

/** Checks one role's response for one row, and that no bypass variant returns more. */
async function checkRouteCell(row: RouteRow, role: Role): Promise<number> {
  const session = world.sessions[role];
  const path = fillPath(row.path, world.fixtures);
  const expected = row.expect[role];
  const forbidden = world.forbiddenNames[role];
  let requests = 0;

  const response = await session.get(path, { maxRedirects: 0, failOnStatusCode: false });
  requests += 1;
  const actual = describeResponse(response);
  expect.soft(matches(actual, expected), `${role} GET ${path}: expected ${expected}, got ${actual}`).toBe(true);
  const body = await response.text();
  for (const name of forbidden) {
    expect.soft(body.includes(name), `${role} GET ${path} shows ${name}`).toBe(false);
  }

  const variants = [...HEADER_VARIANTS, ...(row.pattern.includes("[") ? QUERY_VARIANTS : [])];
  for (const variant of variants) {
    const variantPath = variant.query ? withQuery(path, fillPath(variant.query, world.fixtures)) : path;
    const variantResponse = await session.get(variantPath, {
      headers: variant.headers,
      maxRedirects: 0,
      failOnStatusCode: false,
    });
    requests += 1;
    const variantBody = await variantResponse.text();
    const label = `${role} GET ${variantPath} with ${variant.name}`;
    if (expected !== "200") {
      const ok = variantResponse.status() >= 200 && variantResponse.status() < 300;
      expect
        .soft(ok && !isRouterDenial(variantBody), `${label}: expected no content (${expected}), got ${describeResponse(variantResponse)}`)
        .toBe(false);
    }
    for (const name of forbidden) {
      expect.soft(variantBody.includes(name), `${label} shows ${name}`).toBe(false);
    }
  }
  return requests;
}

for (const role of ROLES) {
  test(`pages and routes as ${role}`, async ({ browser }) => {
    test.setTimeout(300_000);
    await loadWorld(browser);
    let requests = 0;
    for (const row of ROUTE_ROWS) requests += await checkRouteCell(row, role);
    console.log(`access matrix: ${role}: ${ROUTE_ROWS.length} route cells, ${requests} requests`);
  });
}

/** Calls one action as one role, and checks the outcome and, for a rejection, that nothing was written. */
async function checkActionCall(
  row: ActionRow,
  action: BuiltServerAction,
  role: Role,
  path: string,
  expected: "answered" | "rejected",
  headers: Record<string, string>,
  label: string,
) {
  const before = await dataVersion(world.db);
  const response = await callAction(world.sessions[role], path, action.id, row.form, headers);
  const { outcome, detail } = await readActionOutcome(response);
  expect.soft(outcome, `${label}: ${detail}`).toBe(expected);
  if (expected === "rejected") {
    // NOTE: the email worker also writes on its timer (notification emails,
    // daily digests, sending), so a worker write during this call would fail
    // the check although the call wrote nothing.
    expect.soft(await dataVersion(world.db), `${label}: database changed`).toBe(before);
  }
}

// Rejected origins and bypass headers first: a manager's accepted call of
// createParentAction writes, and logOut ends the session.
const ORIGIN_VARIANTS = [
  { name: "Origin: null", headers: { Origin: "null" } },
  { name: "Origin: https://evil.example", headers: { Origin: "https://evil.example" } },
];

for (const role of ROLES) {
  test(`server actions as ${role}`, async ({ browser }) => {
    test.setTimeout(300_000);
    await loadWorld(browser);
    const built = new Map(listBuiltActions().map((action) => [action.key, action]));
    const rows = [...ACTION_ROWS].sort((a, b) => Number(a.key.endsWith("#logOut")) - Number(b.key.endsWith("#logOut")));
    let calls = 0;
    for (const row of rows) {
      const action = built.get(row.key)!;
      expect(action, `${row.key} in the build`).toBeDefined();
      const expected = row.expect[role];
      const path = actionPath(action, role);
      const label = `${role} ${action.exportedName} at ${path}`;

      if (expected === "rejected") {
        // The same call posted to a public page, which Next.js forwards to a page of the action.
        await checkActionCall(row, action, role, "/login", "rejected", {}, `${label} (posted to /login)`);
        for (const variant of HEADER_VARIANTS) {
          await checkActionCall(row, action, role, path, "rejected", variant.headers ?? {}, `${label} with ${variant.name}`);
        }
        calls += 1 + HEADER_VARIANTS.length;
      }
      if (role === "manager") {
        for (const variant of ORIGIN_VARIANTS) {
          await checkActionCall(row, action, role, path, "rejected", variant.headers, `${label} with ${variant.name}`);
        }
        calls += ORIGIN_VARIANTS.length;
      }
      if (expected === "answered" && row.key.endsWith("#markAllNotificationsReadAction")) {
        // This action takes no form: an accepted call marks the role's notifications read, so they are restored.
        await withNotificationsRestored(() => checkActionCall(row, action, role, path, expected, {}, label));
      } else {
        await checkActionCall(row, action, role, path, expected, {}, label);
      }
      calls += 1;
    }
    console.log(`access matrix: ${role}: ${ACTION_ROWS.length} action cells, ${calls} calls`);
  });
}

/** Runs `work`, then puts back the read state of every notification. */
async function withNotificationsRestored(work: () => Promise<void>) {
  const saved = await world.db.execute("SELECT id, read_at FROM notifications");
  try {
    await work();
  } finally {
    await world.db.batch(
      saved.rows.map((row) => ({ sql: "UPDATE notifications SET read_at = ? WHERE id = ?", args: [row.read_at, row.id] })),
      "write",
    );
  }
}
