import fc from "fast-check";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { Database } from "@/db/client";
import { createFee } from "@/lib/fees/mutations";
import {
  collectMessages,
  FUZZ_TABLE,
  MISSING_ID,
  ZOD_DEFAULT_MESSAGE,
  type FuzzForm,
  type FuzzIds,
  type SessionName,
} from "../support/fuzz-actions";
import { countRows, createTestDatabase, insertParent, insertStudent, type TestDatabase } from "../support/test-db";
import { getUser, insertUser } from "../support/users-fixtures";

// Calls every server action in the process with generated form data, so the
// schemas declared inside the action files are checked as the server runs
// them: no exception, messages that name the field, and nothing written when
// the action rejects the input. tests/e2e/fuzz.spec.ts sends the same cases over HTTP.

let testDb: TestDatabase;
let db: Database;
const session = vi.hoisted(() => ({ current: null as unknown }));

vi.mock("@/auth", () => ({ auth: async () => session.current }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: () => {},
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDb: () => db,
}));

type FormAction = (previous: null, formData: FormData) => Promise<unknown>;

const ACTION_MODULES: Record<string, () => Promise<Record<string, unknown>>> = {
  "app/admin/announcements/actions.ts": () => import("@/app/admin/announcements/actions"),
  "app/admin/attendance/actions.ts": () => import("@/app/admin/attendance/actions"),
  "app/admin/fees/actions.ts": () => import("@/app/admin/fees/actions"),
  "app/admin/import/actions.ts": () => import("@/app/admin/import/actions"),
  "app/admin/invitations/actions.ts": () => import("@/app/admin/invitations/actions"),
  "app/admin/jobs/actions.ts": () => import("@/app/admin/jobs/actions"),
  "app/admin/parents/actions.ts": () => import("@/app/admin/parents/actions"),
  "app/admin/results/actions.ts": () => import("@/app/admin/results/actions"),
  "app/admin/students/actions.ts": () => import("@/app/admin/students/actions"),
  "app/admin/users/actions.ts": () => import("@/app/admin/users/actions"),
  "app/forgot-password/actions.ts": () => import("@/app/forgot-password/actions"),
  "app/set-password/actions.ts": () => import("@/app/set-password/actions"),
  "app/portal/notifications/actions.ts": () => import("@/app/portal/notifications/actions"),
  "app/portal/settings/notifications/actions.ts": () => import("@/app/portal/settings/notifications/actions"),
};

// logIn and logOut call Auth.js signIn and signOut, which need a request.
// The e2e fuzz run covers them over HTTP.
const NEEDS_REQUEST = new Set(["app/login/actions.ts#logIn", "app/login/actions.ts#logOut"]);

const TABLES = [
  "announcements",
  "attendance",
  "audit_events",
  "contacts",
  "enrolments",
  "exams",
  "fees",
  "notification_preferences",
  "notifications",
  "parent_students",
  "parents",
  "password_tokens",
  "payments",
  "results",
  "students",
  "subjects",
  "user_children",
  "users",
];

const CASES_PER_ACTION = 40;

let ids: FuzzIds;
const sessions: Record<SessionName, unknown> = { manager: null, parent: null, anonymous: null };

async function sessionOf(userId: number) {
  const { sessionVersion } = await getUser(db, userId);
  return { user: { id: String(userId) }, sessionVersion };
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  const managerId = await insertUser(db, { login: "boss@example.com", role: "manager" });
  const parentUserId = await insertUser(db, { login: "ann@example.com", isParent: true });
  const studentId = await insertStudent(db, { name: "Fuzz Student" });
  const parentId = await insertParent(db, { name: "Fuzz Parent" });
  const fee = await createFee(db, {
    studentId,
    term: "Autumn 2026",
    description: "Tuition",
    amountMinor: 10_000,
    dueDate: "2026-10-01",
  });
  if (fee.status !== "created") throw new Error(`createFee returned ${fee.status}`);
  sessions.manager = await sessionOf(managerId);
  sessions.parent = await sessionOf(parentUserId);
  ids = {
    parentId: String(parentId),
    studentId: String(studentId),
    feeId: String(fee.feeId),
    courseId: MISSING_ID,
    examId: MISSING_ID,
    subjectId: MISSING_ID,
    notificationId: MISSING_ID,
  };
});

afterAll(async () => {
  await testDb.cleanup();
});

function toFormData(form: FuzzForm): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(form)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === "string") data.append(name, item);
      else data.append(name, new Blob([item.file]), "fuzz.txt");
    }
  }
  return data;
}

async function countTables(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) counts[table] = await countRows(db, table);
  return counts;
}

const cases = Object.entries(FUZZ_TABLE).filter(([key]) => !NEEDS_REQUEST.has(key));

describe.each(cases)("%s", (key, entry) => {
  test("handles generated forms", async () => {
    const [file, exportName] = key.split("#");
    const action = (await ACTION_MODULES[file]())[exportName] as FormAction;
    expect(typeof action).toBe("function");
    await fc.assert(
      fc.asyncProperty(entry.form(ids), async (form) => {
        session.current = sessions[entry.session];
        const before = await countTables();
        let result: unknown;
        try {
          result = await action(null, toFormData(form));
        } catch (error) {
          // A redirect is how createParent and createStudent report success.
          if (isRedirectError(error)) return;
          throw error;
        }
        const record = (result ?? null) as Record<string, unknown> | null;
        for (const message of collectMessages(record)) {
          expect(message).not.toMatch(ZOD_DEFAULT_MESSAGE);
          expect(message).not.toMatch(/Something went wrong on our side/);
        }
        if (record?.ok !== true) expect(await countTables()).toEqual(before);
      }),
      { numRuns: CASES_PER_ACTION },
    );
  });
});
