// A stand-in for the Resend HTTP API, for browser tests and local runs.
// It listens on 127.0.0.1 only and sends nothing anywhere: it stores what the
// app posts and returns it from test-only endpoints.
//
//   POST   /emails      stores one email and returns { id }, like Resend
//   GET    /__messages  returns every stored email (test-only)
//   DELETE /__messages  removes stored emails and idempotency keys (test-only)
//   POST   /__faults    adds a programmed fault, a FaultRule as JSON (test-only)
//   DELETE /__faults    removes every programmed fault (test-only)
//
// Run it on its own with `npx tsx tests/support/fake-mail-api.ts`; the port
// comes from FAKE_MAIL_PORT (default 3901). Point the app at it with
// RESEND_BASE_URL=http://127.0.0.1:3901 and any non-empty RESEND_API_KEY.

import { randomUUID } from "node:crypto";
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { pathToFileURL } from "node:url";

export const DEFAULT_FAKE_MAIL_PORT = 3901;
const HOST = "127.0.0.1";
const MAX_BODY_BYTES = 1024 * 1024;

/** One email as the app posted it, plus what the fake API saw in the request. */
export type CapturedEmail = {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html: string | null;
  text: string | null;
  /** Whether the request carried an `Authorization: Bearer …` header. The key itself is not stored. */
  hasAuthorization: boolean;
  idempotencyKey: string | null;
  receivedAt: string;
};

type ErrorBody = { statusCode: number; name: string; message: string };

/**
 * A failure the fake API plays instead of a normal response to POST /emails:
 * - "error": responds with `status` (500 unless set) and `message`, and stores nothing;
 * - "rate-limit": responds with 429 `rate_limit_exceeded` with `retry-after` in seconds;
 * - "hang": never responds. With `store` it first stores the email and its
 *   idempotency key, which is a send whose response was lost;
 * - "delay": stores the email, then responds after `ms` milliseconds.
 */
export type MailFault =
  | { kind: "error"; status?: number; message?: string }
  | { kind: "rate-limit"; retryAfterSeconds: number }
  | { kind: "hang"; store?: boolean }
  | { kind: "delay"; ms: number };

/**
 * A programmed fault. It applies to requests whose `to` contains `recipient`
 * (any request when unset), for the next `times` matching requests (every
 * matching request when unset). Rules are tried in the order they were added.
 */
export type FaultRule = { fault: MailFault; recipient?: string; times?: number };

/** One POST /emails request as the fake API handled it. */
export type ReceivedRequest = {
  idempotencyKey: string | null;
  to: string[];
  /** The fault played, or "sent" / "replayed" for a normal response. */
  outcome: MailFault["kind"] | "sent" | "replayed";
};

/** How long Resend keeps an idempotency key: a repeated key within it sends nothing. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The programmed faults of one fake API. */
export class FaultPlan {
  private rules: { rule: FaultRule; remaining: number }[] = [];

  add(rule: FaultRule): void {
    if (rule.times !== undefined && (!Number.isInteger(rule.times) || rule.times < 1)) {
      throw new Error(`FaultRule times ${rule.times} is invalid: use a whole number of at least 1, or leave it unset.`);
    }
    this.rules.push({ rule, remaining: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  /** Returns the fault for a request to `to` and uses up one of its times, or null. */
  take(to: string[]): MailFault | null {
    const recipients = to.map((address) => address.toLowerCase());
    for (const entry of this.rules) {
      if (entry.remaining <= 0) continue;
      const recipient = entry.rule.recipient?.toLowerCase();
      if (recipient !== undefined && !recipients.includes(recipient)) continue;
      entry.remaining--;
      return entry.rule.fault;
    }
    return null;
  }
}

function parseFaultRule(body: unknown): FaultRule {
  const rule = body as FaultRule | null;
  const kinds = ["error", "rate-limit", "hang", "delay"];
  if (typeof rule !== "object" || rule === null || !kinds.includes(rule.fault?.kind)) {
    throw new RequestError(422, "validation_error", `A fault rule needs fault.kind, one of ${kinds.join(", ")}.`);
  }
  return rule;
}

class RequestError extends Error {
  constructor(
    readonly statusCode: number,
    readonly errorName: string,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(response: ServerResponse, statusCode: number, body: unknown) {
  response.writeHead(statusCode, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new RequestError(413, "payload_too_large", `Request body exceeds ${MAX_BODY_BYTES} bytes.`);
    }
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new RequestError(422, "validation_error", "Request body is not valid JSON.");
  }
}

function optionalString(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/** Checks the fields Resend requires and returns them in one shape (`to` may be a string or a list). */
function parseEmail(body: unknown): Pick<CapturedEmail, "from" | "to" | "subject" | "html" | "text"> {
  if (typeof body !== "object" || body === null) {
    throw new RequestError(422, "validation_error", "Request body must be a JSON object.");
  }
  const fields = body as Record<string, unknown>;
  const to = typeof fields.to === "string" ? [fields.to] : fields.to;
  if (typeof fields.from !== "string" || fields.from === "") {
    throw new RequestError(422, "validation_error", "The `from` field is missing.");
  }
  if (!Array.isArray(to) || to.length === 0 || !to.every((address) => typeof address === "string")) {
    throw new RequestError(422, "validation_error", "The `to` field must be an address or a list of addresses.");
  }
  if (typeof fields.subject !== "string" || fields.subject === "") {
    throw new RequestError(422, "validation_error", "The `subject` field is missing.");
  }
  const html = optionalString(fields.html);
  const text = optionalString(fields.text);
  if (html === null && text === null) {
    throw new RequestError(422, "validation_error", "Either `html` or `text` is required.");
  }
  return { from: fields.from, to: to as string[], subject: fields.subject, html, text };
}

export type FakeMailApi = {
  server: Server;
  /** The emails sent, one per distinct send: a replayed idempotency key adds none. */
  messages: CapturedEmail[];
  /** Every POST /emails request in arrival order, including faulted and replayed ones. */
  requests: ReceivedRequest[];
  faults: FaultPlan;
};

/**
 * Creates the fake API's HTTP server without starting it. Like Resend, a
 * repeated Idempotency-Key with the same body within 24 hours returns the
 * first id and stores nothing new, and the same key with a different body is
 * rejected with 409. A fault response (500, 429) stores no key, so a retry with
 * the same key sends. `now` is the clock of the 24-hour window, and `log`
 * receives one line per request (console.log unless set).
 */
export function createFakeMailApi(
  options: { now?: () => number; log?: (line: string) => void } = {},
): FakeMailApi {
  const now = options.now ?? Date.now;
  const log = options.log ?? console.log;
  const messages: CapturedEmail[] = [];
  const requests: ReceivedRequest[] = [];
  const faults = new FaultPlan();
  const idempotentRequests = new Map<string, { id: string; body: string; storedAt: number }>();

  function storeEmail(
    email: ReturnType<typeof parseEmail>,
    idempotencyKey: string | null,
    bodyText: string,
    hasAuthorization: boolean,
  ): string {
    const id = randomUUID();
    messages.push({
      id,
      ...email,
      hasAuthorization,
      idempotencyKey,
      receivedAt: new Date(now()).toISOString(),
    });
    if (idempotencyKey !== null) {
      idempotentRequests.set(idempotencyKey, { id, body: bodyText, storedAt: now() });
    }
    log(`fake mail API: stored email ${id} to ${email.to.join(", ")}`);
    return id;
  }

  async function handleSend(request: IncomingMessage, response: ServerResponse) {
    const hasAuthorization = /^Bearer \S+/.test(request.headers.authorization ?? "");
    if (!hasAuthorization) {
      throw new RequestError(401, "missing_api_key", "Missing API key in the Authorization header.");
    }
    const body = await readJsonBody(request);
    const email = parseEmail(body);
    const idempotencyKey = optionalString(request.headers["idempotency-key"]);
    const bodyText = JSON.stringify(body);

    const received: ReceivedRequest = { idempotencyKey, to: email.to, outcome: "sent" };
    requests.push(received);

    if (idempotencyKey !== null) {
      let earlier = idempotentRequests.get(idempotencyKey);
      if (earlier && now() - earlier.storedAt >= IDEMPOTENCY_WINDOW_MS) {
        idempotentRequests.delete(idempotencyKey);
        earlier = undefined;
      }
      if (earlier && earlier.body !== bodyText) {
        throw new RequestError(
          409,
          "invalid_idempotent_request",
          `Idempotency-Key ${idempotencyKey} was already used with a different request body.`,
        );
      }
      if (earlier) {
        received.outcome = "replayed";
        log(`fake mail API: repeated Idempotency-Key ${idempotencyKey}, returning email ${earlier.id}`);
        sendJson(response, 200, { id: earlier.id });
        return;
      }
    }

    const fault = faults.take(email.to);
    if (fault === null) {
      sendJson(response, 200, { id: storeEmail(email, idempotencyKey, bodyText, hasAuthorization) });
      return;
    }
    received.outcome = fault.kind;
    log(`fake mail API: playing fault "${fault.kind}" for ${email.to.join(", ")}`);
    await playFault(fault, response, () => storeEmail(email, idempotencyKey, bodyText, hasAuthorization));
  }

  async function playFault(fault: MailFault, response: ServerResponse, store: () => string) {
    switch (fault.kind) {
      case "error": {
        const status = fault.status ?? 500;
        sendJson(response, status, {
          statusCode: status,
          name: status >= 500 ? "internal_server_error" : "application_error",
          message: fault.message ?? `fake fault: HTTP ${status}`,
        });
        return;
      }
      case "rate-limit":
        response.writeHead(429, {
          "Content-Type": "application/json",
          "retry-after": String(fault.retryAfterSeconds),
        });
        response.end(
          JSON.stringify({
            statusCode: 429,
            name: "rate_limit_exceeded",
            message: "Too many requests. You can only make 2 requests per second.",
          }),
        );
        return;
      case "hang":
        // The response is never written. The socket closes when the client
        // aborts or the server closes its connections.
        if (fault.store) store();
        return;
      case "delay": {
        const id = store();
        await new Promise((resolve) => setTimeout(resolve, fault.ms));
        if (!response.destroyed) sendJson(response, 200, { id });
        return;
      }
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const path = new URL(request.url ?? "/", `http://${HOST}`).pathname;
    if (path === "/emails" && request.method === "POST") {
      await handleSend(request, response);
    } else if (path === "/__messages" && request.method === "GET") {
      sendJson(response, 200, messages);
    } else if (path === "/__messages" && request.method === "DELETE") {
      messages.length = 0;
      idempotentRequests.clear();
      requests.length = 0;
      response.writeHead(204).end();
    } else if (path === "/__faults" && request.method === "POST") {
      try {
        faults.add(parseFaultRule(await readJsonBody(request)));
      } catch (error) {
        if (error instanceof RequestError) throw error;
        throw new RequestError(422, "validation_error", (error as Error).message);
      }
      response.writeHead(204).end();
    } else if (path === "/__faults" && request.method === "DELETE") {
      faults.clear();
      response.writeHead(204).end();
    } else {
      throw new RequestError(404, "not_found", `No route for ${request.method} ${path}.`);
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const body: ErrorBody =
        error instanceof RequestError
          ? { statusCode: error.statusCode, name: error.errorName, message: error.message }
          : { statusCode: 500, name: "internal_server_error", message: String(error) };
      log(`fake mail API: ${request.method} ${request.url} failed with ${body.statusCode}: ${body.message}`);
      if (!response.headersSent) sendJson(response, body.statusCode, body);
      else response.end();
    });
  });
  return { server, messages, requests, faults };
}

/** Starts the fake API on 127.0.0.1 and resolves once it accepts connections. */
export function startFakeMailApi(port = DEFAULT_FAKE_MAIL_PORT): Promise<Server> {
  const { server } = createFakeMailApi();
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => {
      server.off("error", reject);
      console.log(`fake mail API: listening on http://${HOST}:${port}`);
      resolve(server);
    });
  });
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === "") return DEFAULT_FAKE_MAIL_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`FAKE_MAIL_PORT "${value}" is invalid: set it to a port number from 1 to 65535.`);
  }
  return port;
}

async function main() {
  const server = await startFakeMailApi(parsePort(process.env.FAKE_MAIL_PORT));
  const stop = (signal: NodeJS.Signals) => {
    console.log(`fake mail API: received ${signal}, stopping`);
    server.close(() => {
      console.log("fake mail API: stopped");
      process.exit(0);
    });
    // Keep-alive connections from the app would otherwise keep close() waiting.
    server.closeAllConnections();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error("fake mail API: failed to start:", error);
    process.exit(1);
  });
}
