import { readFileSync } from "node:fs";
import path from "node:path";
import { createClient, type Client } from "@libsql/client";
import type { APIRequestContext, APIResponse, Page } from "@playwright/test";
import fc from "fast-check";
import {
  collectMessages,
  FUZZ_TABLE,
  MISSING_ID,
  today,
  ZOD_DEFAULT_MESSAGE,
  type FuzzForm,
  type FuzzIds,
  type SessionName,
} from "../support/fuzz-actions";
import { hostileText, MARKUP_PAYLOADS } from "../support/fuzz-values";
import { APP_URL, DEMO_PASSWORD, E2E_DATABASE_FILE } from "./support/e2e-settings";
import { expect, test } from "./support/fixtures";
import { logInAs } from "./support/pages";

// Sends generated form data to every server action of the production build,
// the way React posts a form: multipart data with the Next-Action header. The
// records that accepted inputs may change are created here, or belong to a
// seeded parent that no other spec uses, so later specs see the seed as before.

const MANAGER = "manager@example.com";
// A generated parent with one child, used by no other spec.
const FUZZ_PARENT = "maya.martin3@example.com";
const CASES_PER_ACTION = Number(process.env.FUZZ_CASES || 8);
const SEED = Number(process.env.FUZZ_SEED || Date.now() % 1_000_000);

// Tables whose row counts change without a request: the mail worker and the
// throttle counters. Every other table must keep its count after a rejected input.
const BACKGROUND_TABLES = new Set(["email_outbox", "login_attempts", "__drizzle_migrations"]);

/** Reads the action ids of the build, keyed like FUZZ_TABLE. */
function readActionIds(): Map<string, string> {
  const file = path.join(process.cwd(), ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const ids = new Map<string, string>();
  for (const [actionId, entry] of Object.entries(manifest.node)) {
    ids.set(`${entry.filename}#${entry.exportedName}`, actionId);
  }
  return ids;
}

/**
 * Encodes the call `action(null, formData)` as React 19 does for a form
 * action: field "0" contains the JSON argument list, where "$K1" refers to the
 * form data, whose fields come before it under the prefix "_1_".
 */
function encodeActionCall(form: FuzzForm): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(form)) {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (typeof item === "string") body.append(`_1_${name}`, item);
      else body.append(`_1_${name}`, new Blob([item.file], { type: "text/plain" }), "fuzz.txt");
    }
  }
  // The server resolves "$K1" when it reads field "0", so the fields must come first.
  body.append("0", JSON.stringify([null, "$K1"]));
  return body;
}

/** Parses the action's return value from line "1:" of the RSC payload, or returns null when it has none. */
function readActionResult(payload: string): Record<string, unknown> | null {
  const line = payload.split("\n").find((row) => row.startsWith("1:"));
  if (!line) return null;
  try {
    const value = JSON.parse(line.slice(2)) as unknown;
    return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Text that only a crash or a leaked server error puts in a response. */
const ERROR_MARKERS = [
  /"digest":/,
  /Internal Server Error/i,
  /Application error/i,
  /SQLITE_/,
  /LibsqlError/,
  /TypeError|ReferenceError|RangeError|SyntaxError/,
  /ZodError/,
  /\bat async\b|\bat Object\./,
  /\.tsx?:\d+:\d+/,
  // The generic message of managerAction and the portal actions: an exception was caught and logged.
  /Something went wrong on our side/,
];

async function countTables(db: Client): Promise<Record<string, number>> {
  const tables = await db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  const names = tables.rows.map((row) => String(row.name)).filter((name) => !BACKGROUND_TABLES.has(name));
  const query = names.map((name) => `(SELECT count(*) FROM "${name}") AS "${name}"`).join(", ");
  const [row] = (await db.execute(`SELECT ${query}`)).rows;
  return Object.fromEntries(names.map((name) => [name, Number(row[name])]));
}

async function queryOne(db: Client, sql: string, args: (string | number)[] = []): Promise<string> {
  const result = await db.execute({ sql, args });
  if (result.rows.length === 0) throw new Error(`fuzz setup: no row for ${sql} with ${JSON.stringify(args)}`);
  return String(Object.values(result.rows[0])[0]);
}

/** Posts the form to an action and returns the response with its text. */
async function postAction(
  request: APIRequestContext,
  actionId: string,
  pagePath: string,
  form: FuzzForm,
): Promise<{ response: APIResponse; payload: string }> {
  const response = await request.post(pagePath, {
    headers: { "Next-Action": actionId, Accept: "text/x-component", Origin: APP_URL },
    multipart: encodeActionCall(form),
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  return { response, payload: await response.text() };
}

function describeForm(form: FuzzForm): string {
  const summary = JSON.stringify(form, (_key, value: unknown) =>
    typeof value === "string" && value.length > 80 ? `${value.slice(0, 80)}… (${value.length} chars)` : value,
  );
  return `${summary} (seed ${SEED})`;
}

let db: Client;

const EMPTY_PARENT_CONTACT = { email: "", contactEmail: "", phone: "" };

test.beforeAll(() => {
  db = createClient({ url: `file:${E2E_DATABASE_FILE}` });
});

test.afterAll(() => {
  db.close();
});

/** Creates the fuzz student, parent and fee through the UI's actions and returns the ids cases use. */
async function createFuzzRecords(manager: APIRequestContext, actionIds: Map<string, string>): Promise<FuzzIds> {
  const stamp = Date.now();
  const create = async (key: string, pagePath: string, form: FuzzForm) => {
    const { response, payload } = await postAction(manager, actionIds.get(key)!, pagePath, form);
    expect(response.status(), `${key} during setup: ${payload.slice(0, 300)}`).toBeLessThan(400);
  };
  await create("app/admin/students/actions.ts#createStudentAction", "/admin/students/new", {
    name: `Fuzz Student ${stamp}`,
    email: "",
    birthDate: "",
    active: "on",
  });
  const studentId = await queryOne(db, "SELECT id FROM students WHERE name = ?", [`Fuzz Student ${stamp}`]);
  await create("app/admin/parents/actions.ts#createParentAction", "/admin/parents/new", {
    name: `Fuzz Parent ${stamp}`,
    ...EMPTY_PARENT_CONTACT,
    active: "on",
  });
  const parentId = await queryOne(
    db,
    "SELECT parents.id FROM parents JOIN contacts ON contacts.id = parents.contact_id WHERE contacts.name = ?",
    [`Fuzz Parent ${stamp}`],
  );
  await create("app/admin/fees/actions.ts#createFeeAction", "/admin/fees", {
    studentId,
    term: "Fuzz term",
    description: `Fuzz fee ${stamp}`,
    amount: "100.00",
    dueDate: today,
  });
  const feeId = await queryOne(db, "SELECT id FROM fees WHERE description = ?", [`Fuzz fee ${stamp}`]);
  const fuzzParentUserId = await queryOne(db, "SELECT id FROM users WHERE login = ?", [FUZZ_PARENT]);
  return {
    parentId,
    studentId,
    feeId,
    courseId: await queryOne(db, "SELECT course_id FROM enrolments ORDER BY course_id LIMIT 1"),
    examId: await queryOne(db, "SELECT id FROM exams ORDER BY id LIMIT 1"),
    subjectId: await queryOne(db, "SELECT id FROM subjects ORDER BY id LIMIT 1"),
    notificationId: await queryOne(
      db,
      "SELECT coalesce((SELECT id FROM notifications WHERE user_id = ? LIMIT 1), ?)",
      [fuzzParentUserId, MISSING_ID],
    ),
  };
}

test("every server action has a fuzz entry", () => {
  const built = [...readActionIds().keys()].sort();
  expect(built, "server actions in the build").toEqual(Object.keys(FUZZ_TABLE).sort());
});

test("server actions survive generated input", async ({ page, openSession, playwright, baseURL }) => {
  test.setTimeout(180_000);
  const actionIds = readActionIds();
  await logInAs(page, MANAGER, DEMO_PASSWORD, "/admin/parents");
  const parentPage = await openSession();
  await logInAs(parentPage, FUZZ_PARENT, DEMO_PASSWORD, "/portal/students/" + (await childIdOf(FUZZ_PARENT)));
  const anonymous = await playwright.request.newContext({ baseURL });
  const sessions: Record<SessionName, APIRequestContext> = {
    manager: page.request,
    parent: parentPage.request,
    anonymous,
  };
  const ids = await createFuzzRecords(page.request, actionIds);
  const failures: string[] = [];

  for (const [key, entry] of Object.entries(FUZZ_TABLE)) {
    const actionId = actionIds.get(key);
    if (!actionId) continue;
    const forms = fc.sample(entry.form(ids), { numRuns: CASES_PER_ACTION, seed: SEED });
    for (const form of forms) {
      const before = await countTables(db);
      const { response, payload } = await postAction(sessions[entry.session], actionId, entry.path(ids), form);
      const where = `${key} with ${describeForm(form)}`;
      if (response.status() >= 500) failures.push(`status ${response.status()}: ${where}`);
      const marker = ERROR_MARKERS.find((pattern) => pattern.test(payload));
      if (marker) failures.push(`response matches ${marker}: ${where}: ${payload.slice(0, 300)}`);
      const result = readActionResult(payload);
      // A redirect after success comes back as 303, or as 200 with x-action-redirect.
      const redirected =
        (response.status() >= 300 && response.status() < 400) || Boolean(response.headers()["x-action-redirect"]);
      if (!redirected && result === null && entry.returnsResult !== false) failures.push(`no action result: ${where}: ${payload.slice(0, 200)}`);
      const generic = collectMessages(result).find((message) => ZOD_DEFAULT_MESSAGE.test(message));
      if (generic) failures.push(`message names no field ("${generic}"): ${where}`);
      if (!redirected && result?.ok !== true) {
        const after = await countTables(db);
        const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
        if (changed.length > 0) failures.push(`rejected input changed ${changed.join(", ")}: ${where}`);
      }
    }
  }
  await anonymous.dispose();
  expect(failures).toEqual([]);
});

/** Returns the id of the only child of a seeded parent with one child. */
async function childIdOf(login: string): Promise<string> {
  return queryOne(
    db,
    `SELECT ps.student_id FROM parent_students ps
       JOIN parents p ON p.id = ps.parent_id
       JOIN users u ON u.id = p.user_id
     WHERE u.login = ? ORDER BY ps.student_id LIMIT 1`,
    [login],
  );
}

const FORM_ROUTES = ["/login", "/forgot-password", "/set-password"];
const QUERY_NAMES = ["callbackUrl", "token", "notice", "email"];

test("form routes survive generated query strings", async ({ request }) => {
  const failures: string[] = [];
  const cases = fc.sample(
    fc.record({ route: fc.constantFrom(...FORM_ROUTES), name: fc.constantFrom(...QUERY_NAMES), value: hostileText }),
    { numRuns: 30, seed: SEED },
  );
  for (const { route, name, value } of cases) {
    const url = `${route}?${new URLSearchParams({ [name]: value.slice(0, 4000) })}`;
    const response = await request.get(url, { maxRedirects: 0, failOnStatusCode: false });
    const body = await response.text();
    const where = `GET ${route} with ${name}=${describeForm({ value })}`;
    if (response.status() >= 500) failures.push(`status ${response.status()}: ${where}`);
    for (const markup of MARKUP_PAYLOADS) {
      if (value.includes(markup) && body.includes(markup)) failures.push(`unescaped ${markup}: ${where}`);
    }
  }
  expect(failures).toEqual([]);
});

/** Query names that list and detail pages read, mapped to the pages that read them. */
const QUERY_PAGES: Record<string, string[]> = {
  q: ["/admin/users", "/admin/parents", "/admin/students"],
  page: ["/admin/users"],
  role: ["/admin/users"],
  kind: ["/admin/users"],
  state: ["/admin/users"],
  courseId: ["/admin/attendance"],
  date: ["/admin/attendance"],
  month: ["/portal/students/CHILD/attendance"],
  created: ["/admin/parents/PARENT", "/admin/students/STUDENT"],
};

test("signed-in pages survive generated query strings", async ({ page, openSession }) => {
  await logInAs(page, MANAGER, DEMO_PASSWORD, "/admin/parents");
  const childId = await childIdOf(FUZZ_PARENT);
  const parentPage = await openSession();
  await logInAs(parentPage, FUZZ_PARENT, DEMO_PASSWORD, `/portal/students/${childId}`);
  const failures: string[] = [];
  const cases = fc.sample(
    fc.record({ name: fc.constantFrom(...Object.keys(QUERY_PAGES)), value: hostileText, pick: fc.nat() }),
    { numRuns: 40, seed: SEED },
  );
  for (const { name, value, pick } of cases) {
    const pages = QUERY_PAGES[name];
    const pagePath = pages[pick % pages.length]
      .replace("CHILD", childId)
      .replace("PARENT", "1")
      .replace("STUDENT", "1");
    const request = pagePath.startsWith("/portal") ? parentPage.request : page.request;
    const url = `${pagePath}?${new URLSearchParams({ [name]: value.slice(0, 4000) })}`;
    const response = await request.get(url, { maxRedirects: 0, failOnStatusCode: false });
    const body = await response.text();
    const where = `GET ${pagePath} with ${name}=${describeForm({ value })}`;
    if (response.status() >= 500) failures.push(`status ${response.status()}: ${where}`);
    for (const markup of MARKUP_PAYLOADS) {
      if (value.includes(markup) && body.includes(markup)) failures.push(`unescaped ${markup}: ${where}`);
    }
  }
  expect(failures).toEqual([]);
});

/** Returns the elements and dialogs that stored markup injected into the page at `pagePath`. */
async function findInjectedMarkup(page: Page, pagePath: string): Promise<string[]> {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(`dialog "${dialog.message()}"`);
    await dialog.dismiss();
  });
  await page.goto(pagePath);
  await page.waitForLoadState("networkidle");
  const injected = await page.evaluate(() =>
    [
      ...document.querySelectorAll("img[src='x'], svg[onload], [onerror], [onload], a[href^='javascript:']"),
      // Next.js inlines the page data, stored text included, as JSON strings in
      // its own scripts, so only a script whose whole text is the payload counts.
      ...[...document.querySelectorAll("script")].filter((script) => script.textContent?.trim() === "alert(1)"),
    ].map((element) => element.outerHTML.slice(0, 120)),
  );
  return [...dialogs, ...injected];
}

test("stored markup is shown as text", async ({ page, openSession }) => {
  const actionIds = readActionIds();
  await logInAs(page, MANAGER, DEMO_PASSWORD, "/admin/parents");
  const ids = await createFuzzRecords(page.request, actionIds);
  const childId = await childIdOf(FUZZ_PARENT);
  const child = await db.execute({ sql: "SELECT name, email, birth_date, active FROM students WHERE id = ?", args: [childId] });
  const original = child.rows[0];
  const [studentMarkup, parentMarkup, feeMarkup, childMarkup] = MARKUP_PAYLOADS;

  const post = async (key: string, pagePath: string, form: FuzzForm) => {
    const { payload } = await postAction(page.request, actionIds.get(key)!, pagePath, form);
    expect(readActionResult(payload)?.ok, `${key}: ${payload.slice(0, 300)}`).toBe(true);
  };
  await post("app/admin/students/actions.ts#updateStudentAction", `/admin/students/${ids.studentId}`, {
    studentId: ids.studentId,
    name: `Fuzz ${studentMarkup}`,
    email: "",
    birthDate: "",
    active: "on",
  });
  await post("app/admin/parents/actions.ts#updateParentAction", `/admin/parents/${ids.parentId}`, {
    parentId: ids.parentId,
    name: `Fuzz ${parentMarkup}`,
    ...EMPTY_PARENT_CONTACT,
    active: "on",
  });
  await post("app/admin/fees/actions.ts#createFeeAction", "/admin/fees", {
    studentId: ids.studentId,
    term: `Term ${feeMarkup}`,
    description: `Fee ${feeMarkup}`,
    amount: "5.00",
    dueDate: today,
  });
  await post("app/admin/students/actions.ts#updateStudentAction", `/admin/students/${childId}`, {
    studentId: childId,
    name: `${String(original.name)} ${childMarkup}`,
    email: String(original.email ?? ""),
    birthDate: String(original.birth_date ?? ""),
    ...(Number(original.active) ? { active: "on" } : {}),
  });
  // An announcement to the fuzz parent's child reaches that parent only.
  await post("app/admin/announcements/actions.ts#postAnnouncementAction", "/admin/announcements", {
    scope: "student",
    studentId: childId,
    courseId: "",
    title: `Notice ${childMarkup}`,
    body: `Body ${studentMarkup}\nsecond line ${parentMarkup}`,
  });
  const feeId = await queryOne(db, "SELECT id FROM fees WHERE description = ?", [`Fee ${feeMarkup}`]);

  const managerPages = [
    `/admin/students/${ids.studentId}`,
    "/admin/students",
    `/admin/parents/${ids.parentId}`,
    "/admin/parents",
    `/admin/fees/${feeId}`,
    "/admin/fees",
    "/admin/announcements",
  ];
  for (const pagePath of managerPages) {
    expect(await findInjectedMarkup(page, pagePath), `injected markup on ${pagePath}`).toEqual([]);
  }
  await page.goto(`/admin/students/${ids.studentId}`);
  await expect(page.getByText(`Fuzz ${studentMarkup}`).first()).toBeVisible();

  const parentPage = await openSession();
  await logInAs(parentPage, FUZZ_PARENT, DEMO_PASSWORD, `/portal/students/${childId}`);
  const portalPages = [
    `/portal/students/${childId}`,
    `/portal/students/${childId}/fees`,
    "/portal/notifications",
    "/portal",
  ];
  for (const pagePath of portalPages) {
    expect(await findInjectedMarkup(parentPage, pagePath), `injected markup on ${pagePath}`).toEqual([]);
  }
  await parentPage.goto(`/portal/students/${childId}`);
  await expect(parentPage.getByText(childMarkup).first()).toBeVisible();
  await parentPage.goto("/portal/notifications");
  await expect(parentPage.getByText(`Notice ${childMarkup}`).first()).toBeVisible();

  await post("app/admin/students/actions.ts#updateStudentAction", `/admin/students/${childId}`, {
    studentId: childId,
    name: String(original.name),
    email: String(original.email ?? ""),
    birthDate: String(original.birth_date ?? ""),
    ...(Number(original.active) ? { active: "on" } : {}),
  });
});
