import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { deliverDueEmails, MAX_ATTEMPTS } from "@/lib/email/outbox";
import { renderEmail } from "@/lib/email/templates";
import { createParentUser } from "@/lib/parents/create-parent-user";
import { createTestDatabase, insertParent, type TestDatabase } from "../support/test-db";

const invitation = {
  schoolName: "Hillside Academy",
  recipientName: "Robert Smith",
  login: "robert.smith@example.com",
  setPasswordUrl: "http://127.0.0.1:3999/set-password?token=abcDEF123_-xyz",
  expiresAt: "2026-03-04T10:00:00.000Z",
  audience: "parent" as const,
};

describe("renderEmail invitation", () => {
  test.each(["html", "text"] as const)("%s has every detail", async (part) => {
    const rendered = await renderEmail("invitation", invitation);
    const body = rendered[part];
    expect(body).toContain("Hillside Academy");
    expect(body).toContain("Robert Smith");
    expect(body).toContain("robert.smith@example.com");
    expect(body).toContain(invitation.setPasswordUrl);
    // expiresAt written out in English for UTC, as the email states it.
    expect(body).toContain("4 March 2026");
    expect(body).toContain("10:00");
  });

  test("html links the button", async () => {
    const { html } = await renderEmail("invitation", invitation);
    expect(html).toContain(`href="${invitation.setPasswordUrl}"`);
  });

  test("subject names the school", async () => {
    const { subject } = await renderEmail("invitation", invitation);
    expect(subject).toBe("Your Hillside Academy portal account");
  });

  test("hostile name kept out of subject", async () => {
    const recipientName = 'Smith, "Bob"\r\nBcc: evil@example.com';
    const { subject } = await renderEmail("invitation", { ...invitation, recipientName });
    expect(subject).not.toContain("Smith");
    expect(subject).not.toContain("evil@example.com");
    expect(subject).not.toMatch(/[\r\n]/);
  });

  test("line break in school name removed from subject", async () => {
    const { subject } = await renderEmail("invitation", {
      ...invitation,
      schoolName: "Hillside\r\nBcc: evil@example.com",
    });
    expect(subject).not.toMatch(/[\r\n]/);
  });

  test("html escapes the name", async () => {
    const { html } = await renderEmail("invitation", {
      ...invitation,
      recipientName: '<script>alert("x")</script>',
    });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
  });

  test("removed link is an error", async () => {
    await expect(
      renderEmail("invitation", { ...invitation, setPasswordUrl: null }),
    ).rejects.toThrow(/send a new invitation/);
  });

  test("unknown template is an error", async () => {
    await expect(renderEmail("newsletter", invitation)).rejects.toThrow(/newsletter/);
  });
});

type ReceivedRequest = {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
};

/**
 * Starts a stand-in for the Resend HTTP API on 127.0.0.1 at a random port. It
 * records each request and responds with `reply.status` and `reply.body` as set at the time.
 */
async function startFakeMailApi() {
  const received: ReceivedRequest[] = [];
  const reply = { status: 200, body: { id: "fake-provider-id-1" } as Record<string, unknown> };
  const server: Server = createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk) => (raw += chunk));
    request.on("end", () => {
      received.push({
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
      });
      response.writeHead(reply.status, { "content-type": "application/json" });
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    reply,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("deliverDueEmails", () => {
  let testDb: TestDatabase;
  let db: Database;
  let fakeApi: Awaited<ReturnType<typeof startFakeMailApi>>;
  let outboxId: number;
  const savedEnv: Record<string, string | undefined> = {};

  async function getRow(id = outboxId) {
    const row = await db.query.emailOutbox.findFirst({ where: eq(emailOutbox.id, id) });
    if (!row) throw new Error(`Outbox row ${id} not found`);
    return row;
  }

  /** Makes the fake mail API fail every request with HTTP 500 and the reason "fake outage". */
  function replyWithOutage() {
    fakeApi.reply.status = 500;
    fakeApi.reply.body = { name: "internal_server_error", message: "fake outage", statusCode: 500 };
  }

  function useFakeMailApi() {
    process.env.RESEND_BASE_URL = fakeApi.url;
    process.env.RESEND_API_KEY = "re_test";
  }

  beforeEach(async () => {
    for (const name of ["RESEND_API_KEY", "RESEND_BASE_URL"]) savedEnv[name] = process.env[name];
    testDb = await createTestDatabase();
    db = testDb.db;
    fakeApi = await startFakeMailApi();
    const parentId = await insertParent(db, {
      name: 'Smith, "Bob"\r\nBcc: evil@example.com',
      email: "Robert.Smith@Example.com",
    });
    const result = await createParentUser(db, { parentId });
    if (result.status !== "created") throw new Error(`createParentUser returned ${result.status}`);
    outboxId = result.outboxId;
  });

  afterEach(async () => {
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    vi.restoreAllMocks();
    await fakeApi.stop();
    await testDb.cleanup();
  });

  describe("through the mail API", () => {
    beforeEach(() => {
      useFakeMailApi();
    });

    test("success marks sent", async () => {
      const outcome = await deliverDueEmails(db, { ids: [outboxId] });
      expect(outcome).toEqual({ sent: 1, failed: 0 });
      const row = await getRow();
      expect(row.status).toBe("sent");
      expect(row.transport).toBe("resend");
      expect(row.providerId).toBe("fake-provider-id-1");
      expect(row.attempts).toBe(1);
      expect(row.sentAt).toBeInstanceOf(Date);
      expect(row.lastError).toBeNull();
    });

    test("success removes stored link", async () => {
      await deliverDueEmails(db, { ids: [outboxId] });
      const payload = (await getRow()).payload as Record<string, unknown>;
      expect(payload.setPasswordUrl).toBeNull();
      expect(payload.login).toBe("robert.smith@example.com");
    });

    test("request goes to login only", async () => {
      await deliverDueEmails(db, { ids: [outboxId] });
      expect(fakeApi.received).toHaveLength(1);
      const [request] = fakeApi.received;
      expect(request.method).toBe("POST");
      expect(request.url).toBe("/emails");
      expect(request.body.to).toEqual(["robert.smith@example.com"]);
      expect(request.body.cc).toBeUndefined();
      expect(request.body.bcc).toBeUndefined();
      expect(request.body.subject).toBe("Your Test School portal account");
    });

    test("request carries key and link", async () => {
      await deliverDueEmails(db, { ids: [outboxId] });
      const [request] = fakeApi.received;
      expect(request.headers["idempotency-key"]).toBe(`outbox-${outboxId}`);
      expect(request.headers.authorization).toBe("Bearer re_test");
      expect(String(request.body.text)).toContain("http://127.0.0.1:3999/set-password?token=");
    });

    test("API error marks failed", async () => {
      vi.spyOn(console, "error").mockImplementation(() => {});
      replyWithOutage();
      const before = Date.now();

      const outcome = await deliverDueEmails(db, { ids: [outboxId] });

      expect(outcome).toEqual({ sent: 0, failed: 1 });
      const row = await getRow();
      expect(row.status).toBe("failed");
      expect(row.lastError).toContain("fake outage");
      expect(row.attempts).toBe(1);
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(before);
      expect(row.sentAt).toBeNull();
      expect((row.payload as Record<string, unknown>).setPasswordUrl).toMatch(/token=/);
    });

    test("API error is logged", async () => {
      const log = vi.spyOn(console, "error").mockImplementation(() => {});
      replyWithOutage();
      await deliverDueEmails(db, { ids: [outboxId] });
      expect(log).toHaveBeenCalledTimes(1);
      expect(String(log.mock.calls[0][0])).toContain(`email outbox ${outboxId}`);
      expect(String(log.mock.calls[0][0])).toContain("fake outage");
    });

    test("failed row waits, then retries", async () => {
      vi.spyOn(console, "error").mockImplementation(() => {});
      replyWithOutage();
      await deliverDueEmails(db, { ids: [outboxId] });

      fakeApi.reply.status = 200;
      fakeApi.reply.body = { id: "fake-provider-id-2" };
      expect(await deliverDueEmails(db)).toEqual({ sent: 0, failed: 0 });
      expect(fakeApi.received).toHaveLength(1);

      const later = new Date((await getRow()).nextAttemptAt.getTime() + 1);
      expect(await deliverDueEmails(db, { now: later })).toEqual({ sent: 1, failed: 0 });
      const row = await getRow();
      expect(row.status).toBe("sent");
      expect(row.providerId).toBe("fake-provider-id-2");
      expect(row.attempts).toBe(2);
      expect(row.lastError).toBeNull();
      expect(fakeApi.received).toHaveLength(2);
      expect(fakeApi.received[1].headers["idempotency-key"]).toBe(`outbox-${outboxId}`);
    });

    test(`stops after ${MAX_ATTEMPTS} attempts`, async () => {
      vi.spyOn(console, "error").mockImplementation(() => {});
      replyWithOutage();
      let now = new Date();
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        expect(await deliverDueEmails(db, { now }), `attempt ${attempt}`).toEqual({ sent: 0, failed: 1 });
        now = new Date((await getRow()).nextAttemptAt.getTime() + 1);
      }
      expect(await deliverDueEmails(db, { now })).toEqual({ sent: 0, failed: 0 });
      expect(fakeApi.received).toHaveLength(MAX_ATTEMPTS);
      expect((await getRow()).attempts).toBe(MAX_ATTEMPTS);
    });

    test("sent row not sent again", async () => {
      await deliverDueEmails(db, { ids: [outboxId] });
      const later = new Date(Date.now() + 24 * 60 * 60 * 1000);
      expect(await deliverDueEmails(db, { now: later })).toEqual({ sent: 0, failed: 0 });
      expect(fakeApi.received).toHaveLength(1);
    });

    test("row stuck in sending is retried", async () => {
      const now = new Date();
      await db
        .update(emailOutbox)
        .set({ status: "sending", attempts: 1, lockedUntil: new Date(now.getTime() - 1) })
        .where(eq(emailOutbox.id, outboxId));
      expect(await deliverDueEmails(db, { now })).toEqual({ sent: 1, failed: 0 });
      expect((await getRow()).status).toBe("sent");
    });

    test("row locked in sending is skipped", async () => {
      const now = new Date();
      await db
        .update(emailOutbox)
        .set({ status: "sending", attempts: 1, lockedUntil: new Date(now.getTime() + 60_000) })
        .where(eq(emailOutbox.id, outboxId));
      expect(await deliverDueEmails(db, { now })).toEqual({ sent: 0, failed: 0 });
      expect(fakeApi.received).toHaveLength(0);
    });
  });

  describe("without RESEND_API_KEY", () => {
    beforeEach(() => {
      delete process.env.RESEND_API_KEY;
      process.env.RESEND_BASE_URL = fakeApi.url;
    });

    test("kept locally as sent", async () => {
      expect(await deliverDueEmails(db, { ids: [outboxId] })).toEqual({ sent: 1, failed: 0 });
      const row = await getRow();
      expect(row.status).toBe("sent");
      expect(row.transport).toBe("local");
      expect(row.providerId).toBe(`local-${outboxId}`);
    });

    test("link kept for local mailbox", async () => {
      await deliverDueEmails(db, { ids: [outboxId] });
      const payload = (await getRow()).payload as Record<string, unknown>;
      expect(payload.setPasswordUrl).toMatch(/^http:\/\/127\.0\.0\.1:3999\/set-password\?token=/);
    });

    test("no request to the mail API", async () => {
      await deliverDueEmails(db, { ids: [outboxId] });
      expect(fakeApi.received).toHaveLength(0);
    });

    test("runs beside write transactions", async () => {
      // deliverDueEmails writes the outbox while other requests of the same
      // server process hold write transactions.
      const parentIds: number[] = [];
      for (let i = 0; i < 5; i++) {
        parentIds.push(await insertParent(db, { name: `Parent ${i}`, email: `parent${i}@example.com` }));
      }
      const started = Date.now();

      const [delivery] = await Promise.allSettled([
        deliverDueEmails(db),
        ...parentIds.map((parentId) => createParentUser(db, { parentId })),
      ]);

      expect(delivery.status).toBe("fulfilled");
      // The busy timeout is 5 s, so a wait for the SQLite lock would show here.
      expect(Date.now() - started).toBeLessThan(4_000);
    });
  });
});
