// Starts and stops `next start` servers for the benchmarks, logs users in
// through Auth.js and samples the memory of a server's process tree.

import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";

const root = process.cwd();

export type BenchServer = {
  name: string;
  port: number;
  baseUrl: string;
  /** Pid of `next start`, which leads its own process group. */
  pid: number;
  child: ChildProcess;
  logFile: string;
};

export type ServerOptions = {
  name: string;
  port: number;
  databaseFile: string;
  env: Record<string, string>;
  logDir: string;
};

/** Sends one request and returns status, headers and body; it follows no redirect. */
export function request(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(url, { method: init.method ?? "GET", headers: init.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
      response.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.setTimeout(60_000, () => outgoing.destroy(new Error(`request to ${url} timed out after 60 s`)));
    outgoing.end(init.body);
  });
}

async function waitForHealth(server: BenchServer, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = "no response yet";
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new Error(`${server.name}: next start exited with code ${server.child.exitCode}; see ${server.logFile}`);
    }
    try {
      const response = await request(`${server.baseUrl}/api/health`);
      if (response.status === 200) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${server.name}: /api/health did not answer 200 within ${timeoutMs / 1000} s (${lastError}); see ${server.logFile}`);
}

/** Starts `next start` on 127.0.0.1 against the production build in .next and waits for /api/health. */
export async function startServer(options: ServerOptions): Promise<BenchServer> {
  const logFile = path.join(options.logDir, `${options.name}.log`);
  const log = createWriteStream(logFile);
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const child = spawn(
    path.join(root, "node_modules", ".bin", "next"),
    ["start", "--port", String(options.port), "--hostname", "127.0.0.1"],
    {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        DATABASE_URL: `file:${options.databaseFile}`,
        APP_URL: baseUrl,
        NEXT_TELEMETRY_DISABLED: "1",
        ...options.env,
      },
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  if (child.pid === undefined) throw new Error(`${options.name}: could not start next start`);
  const server: BenchServer = { name: options.name, port: options.port, baseUrl, pid: child.pid, child, logFile };
  console.log(`bench: started ${options.name} on ${baseUrl} (pid ${child.pid}, log ${logFile})`);
  await waitForHealth(server, 90_000);
  return server;
}

/** Stops a server's whole process group (next start and next-server) and waits for it to exit. */
export async function stopServer(server: BenchServer): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.child.once("exit", () => resolve()));
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-server.pid, "SIGKILL");
    } catch {
      // The group is already gone.
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
  console.log(`bench: stopped ${server.name} (pid ${server.pid})`);
}

/**
 * Logs in through the login page's server action, as the login form does, and
 * returns the Cookie header with the real session cookie. It fails unless
 * /api/session/access then reports the user signed in.
 */
export async function logIn(server: BenchServer, email: string, password: string): Promise<string> {
  // Imported here because create-parent-user.ts imports this module.
  const { callFormAction, findServerActionId } = await import("./create-parent-user");
  const actionId = findServerActionId("app/login/actions.ts", "logIn");
  const response = await callFormAction(server, "/login", actionId, "", {
    email,
    password,
    callbackUrl: "/portal",
  });
  const session = (response.setCookie ?? [])
    .map((cookie) => cookie.split(";")[0])
    .find((pair) => pair.includes("session-token="));
  if (!session) {
    throw new Error(`${server.name}: login as ${email} failed (HTTP ${response.status}, no session cookie)`);
  }
  const access = await request(`${server.baseUrl}/api/session/access`, { headers: { cookie: session } });
  if (!(JSON.parse(access.body) as { signedIn: boolean }).signedIn) {
    throw new Error(`${server.name}: the session cookie of ${email} is not accepted by /api/session/access`);
  }
  return session;
}

/** Returns the pids of `pid` and all its descendants, read from /proc. */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name may contain spaces, so fields are read after its closing bracket.
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended while the table was read.
    }
  }
  const tree = [pid];
  for (let index = 0; index < tree.length; index += 1) tree.push(...(children.get(tree[index]) ?? []));
  return tree;
}

function residentBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

// Kernel clock ticks per second of utime and stime in /proc/<pid>/stat; 100 on Linux for x86 and arm64.
const CLOCK_TICKS_PER_SECOND = 100;

function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name.
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/**
 * Returns the CPU time (user and system) a process tree has used so far, in
 * milliseconds, or null where /proc is missing. Processes that ended are not
 * counted, so take both readings while the server runs.
 */
export function treeCpuMs(pid: number): number | null {
  if (!existsSync("/proc/self/stat")) return null;
  const ticks = processTree(pid).reduce((total, member) => total + cpuTicks(member), 0);
  return (ticks / CLOCK_TICKS_PER_SECOND) * 1000;
}

/** Returns the summed RSS of a process tree in bytes, or null where /proc is missing (not Linux). */
export function treeResidentBytes(pid: number): number | null {
  if (!existsSync("/proc/self/status")) return null;
  return processTree(pid).reduce((total, member) => total + residentBytes(member), 0);
}

/**
 * Samples the RSS of a server's process tree every `intervalMs` until stop()
 * is called, and returns the idle value at start and the peak.
 */
export function sampleMemory(server: BenchServer, intervalMs = 200) {
  const idleBytes = treeResidentBytes(server.pid);
  let peakBytes = idleBytes ?? 0;
  const timer = setInterval(() => {
    peakBytes = Math.max(peakBytes, treeResidentBytes(server.pid) ?? 0);
  }, intervalMs);
  return {
    stop(): { idleBytes: number | null; peakBytes: number | null } {
      clearInterval(timer);
      return { idleBytes, peakBytes: idleBytes === null ? null : peakBytes };
    },
  };
}
