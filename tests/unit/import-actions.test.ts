import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { MAX_FILE_BYTES } from "@/lib/import/csv";
import { readFixture } from "../support/import-fixtures";
import {
  countRows,
  createTestDatabase,
  insertManager,
  type TestDatabase,
} from "../support/test-db";

const session = vi.hoisted(() => ({
  user: null as null | { id: number; name: string; role: string },
}));

vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.user }));
vi.mock("@/app/admin/_lib/revalidate", () => ({ revalidateAdminPages: () => undefined }));

let testDb: TestDatabase;
let managerId: number;

beforeAll(async () => {
  testDb = await createTestDatabase();
  // getDb() opens DATABASE_URL on first use, so it must point at the test file first.
  process.env.DATABASE_URL = testDb.url;
  managerId = await insertManager(testDb.db, "office@example.com", "Office Manager");
});

afterAll(async () => {
  delete process.env.DATABASE_URL;
  await testDb.cleanup();
});

beforeEach(() => {
  session.user = { id: managerId, name: "Office Manager", role: "manager" };
});

const { uploadImportFileAction, applyImportAction } = await import("@/app/admin/import/actions");

function uploadForm(kind: string, file?: File): FormData {
  const data = new FormData();
  data.set("kind", kind);
  if (file) data.set("file", file);
  return data;
}

function csvFile(name: string, content: string): File {
  return new File([content], name, { type: "text/csv" });
}

/** Runs the upload and returns the redirect target, or the result when it did not redirect. */
async function upload(
  data: FormData,
): Promise<{
  redirect: string | null;
  result: Awaited<ReturnType<typeof uploadImportFileAction>>;
}> {
  try {
    return { redirect: null, result: await uploadImportFileAction(null, data) };
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (!digest.startsWith("NEXT_REDIRECT")) throw error;
    return { redirect: digest.split(";")[2], result: null };
  }
}

describe("uploadImportFileAction", () => {
  test("rejects a portal user", async () => {
    session.user = { id: 99, name: "Linda", role: "portal" };
    const { result } = await upload(
      uploadForm("students", csvFile("s.csv", readFixture("template-students.csv"))),
    );
    expect(result?.message).toMatch(/not a manager/);
    expect(await countRows(testDb.db, "csv_imports")).toBe(0);
  });

  test("missing file", async () => {
    const { result } = await upload(uploadForm("students"));
    expect(result?.fieldErrors?.file).toEqual(["File is missing or empty: choose a CSV file."]);
  });

  test("missing kind", async () => {
    const { result } = await upload(
      uploadForm("", csvFile("s.csv", readFixture("template-students.csv"))),
    );
    expect(result?.fieldErrors?.kind).toEqual([
      "Kind of file is missing: choose students or parents.",
    ]);
  });

  test("not a CSV name", async () => {
    const { result } = await upload(uploadForm("students", csvFile("list.xlsx", "x")));
    expect(result?.fieldErrors?.file?.[0]).toMatch(/"list.xlsx" is not a CSV file/);
  });

  test("file over the size cap", async () => {
    const { result } = await upload(
      uploadForm("students", csvFile("big.csv", "x".repeat(MAX_FILE_BYTES + 1))),
    );
    expect(result?.fieldErrors?.file).toEqual([
      "The file is over the limit of 4 MB: split it into smaller files.",
    ]);
  });

  test("wrong kind is not stored", async () => {
    const { result } = await upload(
      uploadForm("parents", csvFile("s.csv", readFixture("template-students.csv"))),
    );
    expect(result?.fieldErrors?.file?.[0]).toMatch(/looks like a students file/);
    expect(await countRows(testDb.db, "csv_imports")).toBe(0);
  });

  test("not UTF-8 is rejected", async () => {
    const latin1 = new File([Buffer.from("external_id,name\nS-1,Chlo\xe9\n", "latin1")], "s.csv");
    const { result } = await upload(uploadForm("students", latin1));
    expect(result?.fieldErrors?.file?.[0]).toMatch(/not UTF-8 text/);
  });

  test("good file opens its dry run", async () => {
    const { redirect } = await upload(
      uploadForm("students", csvFile("s.csv", readFixture("template-students.csv"))),
    );
    expect(redirect).toMatch(/^\/admin\/import\?id=\d+$/);
    const stored = await testDb.db.query.csvImports.findFirst();
    expect(stored).toMatchObject({
      kind: "students",
      fileName: "s.csv",
      createdBy: managerId,
      importedAt: null,
    });
  });
});

describe("applyImportAction", () => {
  test("stale fingerprint imports nothing", async () => {
    const { redirect } = await upload(
      uploadForm("students", csvFile("s.csv", readFixture("template-students.csv"))),
    );
    const importId = redirect!.split("=")[1];
    const data = new FormData();
    data.set("importId", importId);
    data.set("fingerprint", "0".repeat(64));
    const result = await applyImportAction(null, data);
    expect(result?.message).toMatch(
      /^The records changed since this dry run, so nothing was imported/,
    );
    expect(await countRows(testDb.db, "students")).toBe(0);
  });

  test("missing fingerprint", async () => {
    const data = new FormData();
    data.set("importId", "1");
    const result = await applyImportAction(null, data);
    expect(result?.message).toBe("The dry run is missing: upload the file again.");
  });
});
