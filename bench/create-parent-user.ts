// Timings of Create Parent User: the library function on a file database
// (1 child against 10), and the manager's server action over HTTP with a
// fake mail API that responds at once or after a delay.

import { readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { sql } from "drizzle-orm";
import { openDatabase, writeTransaction, type Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { createParentUser } from "@/lib/parents/create-parent-user";
import { request, type BenchServer } from "./server";

export type TimingSummary = { count: number; meanMs: number; p50Ms: number; p95Ms: number; maxMs: number };

export function summariseTimings(values: number[]): TimingSummary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (fraction: number) => sorted[Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length))) - 1];
  return {
    count: sorted.length,
    meanMs: sorted.reduce((total, value) => total + value, 0) / sorted.length,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    maxMs: sorted[sorted.length - 1],
  };
}

async function run(db: Database, statement: string) {
  await writeTransaction(db, async (tx) => {
    await tx.run(sql.raw(statement));
  });
}

/**
 * Creates `file` with `perGroup` parents of one child (ids 1…perGroup) and as
 * many of ten children (ids perGroup+1…2·perGroup). Every child has a portal
 * user, so each call also fills child_ids.
 */
async function createParentsDatabase(file: string, perGroup: number): Promise<void> {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
  const db = openDatabase(`file:${file}`);
  try {
    await migrateDatabase(db);
    const parentCount = perGroup * 2;
    // Parent p has students (p - 1) * 10 + 1 … + k, with k = 1 or 10.
    const studentCount = parentCount * 10;
    const seq = (limit: number) => `WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${limit})`;
    await run(db, `${seq(studentCount)} INSERT INTO users (id, login, name, role) SELECT n, 'child' || n || '@bench.example.com', 'Child ' || n, 'portal' FROM seq`);
    await run(db, `${seq(studentCount)} INSERT INTO students (id, name, user_id) SELECT n, 'Child ' || n, n FROM seq`);
    await run(db, `${seq(parentCount)} INSERT INTO contacts (id, name, email) SELECT n, 'Parent ' || n, 'parent' || n || '@bench.example.com' FROM seq`);
    await run(db, `${seq(parentCount)} INSERT INTO parents (id, contact_id) SELECT n, n FROM seq`);
    await run(
      db,
      `${seq(studentCount)} INSERT INTO parent_students (parent_id, student_id, relationship)
       SELECT 1 + (n - 1) / 10, n, 'mother' FROM seq
       WHERE 1 + (n - 1) / 10 > ${perGroup} OR (n - 1) % 10 = 0`,
    );
    await db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
  } finally {
    db.$client.close();
  }
}

/**
 * Times createParentUser for parents with 1 and with 10 children, alternating
 * the two so that machine noise falls on both alike. Needs the app's
 * environment (AUTH_SECRET, APP_URL) because the invitation link is built.
 */
export async function timeCreateParentUserByChildren(file: string, repetitions: number) {
  await createParentsDatabase(file, repetitions);
  const db = openDatabase(`file:${file}`);
  const oneChild: number[] = [];
  const tenChildren: number[] = [];
  try {
    // The first calls load modules and prepare statements, so they are not counted.
    for (let index = 1; index <= repetitions; index += 1) {
      for (const [parentId, timings] of [
        [index, oneChild],
        [repetitions + index, tenChildren],
      ] as const) {
        const started = performance.now();
        const result = await createParentUser(db, { parentId });
        const elapsed = performance.now() - started;
        if (result.status !== "created") {
          throw new Error(`createParentUser for parent ${parentId} returned "${result.status}", expected "created"`);
        }
        if (index > 2) timings.push(elapsed);
      }
    }
    const [{ links }] = (await db.$client.execute("SELECT count(*) AS links FROM user_children")).rows as unknown as { links: number }[];
    const expectedLinks = repetitions * 11;
    if (Number(links) !== expectedLinks) {
      throw new Error(`child_ids has ${links} rows after the run, expected ${expectedLinks}`);
    }
  } finally {
    db.$client.close();
  }
  return { oneChild: summariseTimings(oneChild), tenChildren: summariseTimings(tenChildren) };
}

/** Returns the id of a server action in the build, from its file and exported name. */
export function findServerActionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const entry = Object.entries(manifest.node).find(
    ([, action]) => action.filename === filename && action.exportedName === exportedName,
  );
  if (!entry) throw new Error(`Server action ${exportedName} of ${filename} is not in .next: rebuild.`);
  return entry[0];
}

/**
 * Calls a form action the way React 19.3 does: a multipart body whose field
 * "0" holds the arguments (the previous state and a reference "$K1" to a
 * FormData whose fields are named "_1_<name>"). Returns the time until the
 * whole response was read.
 */
export async function callFormAction(
  server: BenchServer,
  pagePath: string,
  actionId: string,
  cookie: string,
  fields: Record<string, string>,
): Promise<{ elapsedMs: number; status: number; body: string; setCookie: string[] | undefined }> {
  const boundary = `----bench${Date.now().toString(16)}`;
  const parts = [
    ...Object.entries(fields).map(([name, value]) => [`_1_${name}`, value]),
    ["0", JSON.stringify([null, "$K1"])],
  ];
  const body =
    parts
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join("") + `--${boundary}--\r\n`;
  const started = performance.now();
  const response = await request(`${server.baseUrl}${pagePath}`, {
    method: "POST",
    headers: {
      "content-type": `multipart/form-data; boundary=${boundary}`,
      accept: "text/x-component",
      "next-action": actionId,
      origin: server.baseUrl,
      ...(cookie ? { cookie } : {}),
    },
    body,
  });
  return {
    elapsedMs: performance.now() - started,
    status: response.status,
    body: response.body,
    setCookie: response.headers["set-cookie"],
  };
}

/** Starts a stand-in for the Resend API on 127.0.0.1 whose response can be delayed. */
export async function startDelayedMailApi(port: number) {
  let delayMs = 0;
  let received = 0;
  const server = http.createServer((incoming, response) => {
    incoming.resume();
    incoming.on("end", () => {
      setTimeout(() => {
        received += 1;
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ id: `bench-${received}` }));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    setDelay(ms: number) {
      delayMs = ms;
    },
    received: () => received,
    async waitForReceived(count: number, timeoutMs: number) {
      const deadline = Date.now() + timeoutMs;
      while (received < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      return received >= count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
