import { describe, expect, test, vi } from "vitest";
import { z } from "zod";

vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => ({ id: 1, role: "manager" }),
}));

const { managerAction } = await import("@/lib/actions");
const { saveAttendanceAction } = await import("@/app/admin/attendance/actions");

const schema = z.object({
  recordId: z.string().regex(/^\d+$/, "Record id is invalid: reload the page."),
  name: z.string().min(1, "Name is missing."),
});
const action = managerAction("test", schema, async () => ({ ok: true, message: "Saved." }), {
  hiddenFields: ["recordId"],
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

describe("managerAction validation", () => {
  test("hidden field error is the message", async () => {
    const result = await action(null, form({ recordId: "x", name: "Ann" }));
    expect(result?.message).toBe("Record id is invalid: reload the page.");
  });

  test("visible field error points below", async () => {
    const result = await action(null, form({ recordId: "1", name: "" }));
    expect(result?.message).toBe("Some fields need attention: see the messages below them.");
  });

  test("visible field keeps its error", async () => {
    const result = await action(null, form({ recordId: "1", name: "" }));
    expect(result?.fieldErrors?.name).toEqual(["Name is missing."]);
  });
});

describe("saveAttendanceAction", () => {
  test("bad hidden date is the message", async () => {
    const result = await saveAttendanceAction(null, form({ courseId: "1", date: "2027-02-31", "studentIds[]": "1" }));
    expect(result?.message).toBe("Date must be a real date such as 2027-01-27.");
  });
});
