// A stand-in for the Resend HTTP API, for browser tests and local runs.
// It listens on 127.0.0.1 only and sends nothing anywhere: it stores what the
// app posts and returns it from test-only endpoints.
//
//   POST   /emails      stores one email and returns { id }, like Resend
//   GET    /__messages  returns every stored email (test-only)
//   DELETE /__messages  removes stored emails and idempotency keys (test-only)
//   POST   /__failures  { "address", "message"? }: rejects emails for that address with 500 (test-only)
//   DELETE /__failures  accepts emails for every address again (test-only)
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

/**
 * Creates the fake API's HTTP server without starting it. Like Resend, a
 * repeated Idempotency-Key with the same body returns the first id and stores
 * nothing new, and the same key with a different body is rejected with 409.
 */
export function createFakeMailApi(): { server: Server; messages: CapturedEmail[] } {
  const messages: CapturedEmail[] = [];
  const idempotentRequests = new Map<string, { id: string; body: string }>();
  // Lower-cased recipient address -> the message of the 500 error sent instead.
  const failingAddresses = new Map<string, string>();

  async function handleSend(request: IncomingMessage, response: ServerResponse) {
    const hasAuthorization = /^Bearer \S+/.test(request.headers.authorization ?? "");
    if (!hasAuthorization) {
      throw new RequestError(401, "missing_api_key", "Missing API key in the Authorization header.");
    }
    const body = await readJsonBody(request);
    const email = parseEmail(body);
    const failure = email.to.map((address) => failingAddresses.get(address.toLowerCase())).find(Boolean);
    if (failure) throw new RequestError(500, "internal_server_error", failure);
    const idempotencyKey = optionalString(request.headers["idempotency-key"]);
    const bodyText = JSON.stringify(body);

    if (idempotencyKey !== null) {
      const earlier = idempotentRequests.get(idempotencyKey);
      if (earlier && earlier.body !== bodyText) {
        throw new RequestError(
          409,
          "invalid_idempotent_request",
          `Idempotency-Key ${idempotencyKey} was already used with a different request body.`,
        );
      }
      if (earlier) {
        console.log(`fake mail API: repeated Idempotency-Key ${idempotencyKey}, returning email ${earlier.id}`);
        sendJson(response, 200, { id: earlier.id });
        return;
      }
    }

    const id = randomUUID();
    messages.push({
      id,
      ...email,
      hasAuthorization,
      idempotencyKey,
      receivedAt: new Date().toISOString(),
    });
    if (idempotencyKey !== null) idempotentRequests.set(idempotencyKey, { id, body: bodyText });
    console.log(`fake mail API: stored email ${id} to ${email.to.join(", ")}`);
    sendJson(response, 200, { id });
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
      response.writeHead(204).end();
    } else if (path === "/__failures" && request.method === "POST") {
      const fields = (await readJsonBody(request)) as { address?: unknown; message?: unknown };
      if (typeof fields?.address !== "string" || fields.address === "") {
        throw new RequestError(422, "validation_error", "The `address` field is missing.");
      }
      const message = typeof fields.message === "string" ? fields.message : "Mailbox unavailable";
      failingAddresses.set(fields.address.toLowerCase(), message);
      response.writeHead(204).end();
    } else if (path === "/__failures" && request.method === "DELETE") {
      failingAddresses.clear();
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
      console.error(`fake mail API: ${request.method} ${request.url} failed with ${body.statusCode}: ${body.message}`);
      if (!response.headersSent) sendJson(response, body.statusCode, body);
      else response.end();
    });
  });
  return { server, messages };
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
