// Runs every benchmark and writes docs/benchmarks.md: `npm run bench`.
// `npm run bench -- --quick` runs shorter rounds to check that the harness works
// and writes data/bench/benchmarks-quick.md; its figures are too short to quote.
//
// The machine may be busy with other work, so every figure is a ratio of two
// targets measured in the same run, in alternating rounds, against servers
// started from the same build. Data, server logs and databases go to data/bench/.

import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import {
  callFormAction,
  findServerActionId,
  startDelayedMailApi,
  summariseTimings,
  timeCreateParentUserByChildren,
} from "./create-parent-user";
import {
  BENCH_MANAGER_LOGIN,
  BENCH_PARENT_CHILDREN,
  BENCH_PARENT_LOGIN,
  BENCH_PASSWORD,
  generateSchool,
  type SchoolLayout,
} from "./generate-school";
import { timeDashboardQueries } from "./dashboard-queries";
import { timeIdleWorkerTicks } from "./worker-tick";
import { sampleLoad, summarise, type LoadSample } from "./load";
import { buildIfStale, describeMachine } from "./machine";
import { writeReport, type BenchReport, type TargetResult } from "./report";
import { logIn, request, sampleMemory, startServer, stopServer, treeCpuMs, type BenchServer } from "./server";

const quick = process.argv.includes("--quick");
const DATA_DIR = path.join("data", "bench");
const PORTS = { small: 3180, smallNoCheck: 3181, large: 3182, mail: 3990 };
const ROUND_MS = quick ? 1500 : 5000;
const ROUNDS = quick ? 1 : 2;
const WARMUP_MS = quick ? 1000 : 3000;
const CONNECTIONS = 50;
const CREATE_REPETITIONS = quick ? 20 : 150;
const ACTION_REPETITIONS = quick ? 2 : 8;
const WORKER_REPETITIONS = quick ? 2 : 5;
const QUERY_REPETITIONS = quick ? 20 : 200;
const SLOW_MAIL_MS = 2000;
const ACTION_SETTLE_MS = 300;

type Target = { label: string; server: BenchServer; path: string; cookie?: string };

function timeZone() {
  return process.env.SCHOOL_TIME_ZONE || "Europe/London";
}

/**
 * Alternates rounds of the targets (A, B, A, B, …) and summarises each target
 * over its rounds, with the server CPU time that its rounds used.
 */
async function compare(targets: Target[], connections: number): Promise<TargetResult[]> {
  const samples: LoadSample[][] = targets.map(() => []);
  const cpuMs: (number | null)[] = targets.map(() => 0);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [index, target] of targets.entries()) {
      const cpuBefore = treeCpuMs(target.server.pid);
      samples[index].push(
        await sampleLoad({
          url: `${target.server.baseUrl}${target.path}`,
          connections,
          durationMs: ROUND_MS,
          headers: target.cookie ? { cookie: target.cookie } : {},
        }),
      );
      const cpuAfter = treeCpuMs(target.server.pid);
      const used = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
      cpuMs[index] = used === null || cpuMs[index] === null ? null : cpuMs[index] + used;
    }
  }
  const results = samples.map((targetSamples, index): TargetResult => {
    const result = summarise(targetSamples);
    const total = cpuMs[index];
    return { ...result, serverCpuMsPerRequest: total === null || result.requests === 0 ? null : total / result.requests };
  });
  for (const [index, result] of results.entries()) {
    console.log(
      `bench: ${targets[index].label}: ${result.requestsPerSecond.toFixed(1)} req/s, p50 ${result.p50Ms.toFixed(1)} ms, ` +
        `p95 ${result.p95Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, errors ${result.errors}, ` +
        `server CPU ${result.serverCpuMsPerRequest?.toFixed(2) ?? "n/a"} ms/request` +
        (result.firstError ? ` (first: ${result.firstError})` : ""),
    );
  }
  return results;
}

async function warmUp(targets: Target[]) {
  for (const target of targets) {
    await sampleLoad({
      url: `${target.server.baseUrl}${target.path}`,
      connections: 10,
      durationMs: WARMUP_MS,
      headers: target.cookie ? { cookie: target.cookie } : {},
    });
  }
}

/** Fails unless the dashboard renders for the parent and the middleware check is on or off as expected. */
async function checkDashboard(server: BenchServer, cookie: string, middlewareCheck: boolean) {
  const response = await request(`${server.baseUrl}/portal`, { headers: { cookie } });
  if (response.status !== 200 || !response.body.includes("Your children")) {
    throw new Error(`${server.name}: /portal returned HTTP ${response.status} without the dashboard; see ${server.logFile}`);
  }
  const skipped = response.headers["x-bench-middleware-check"] === "skipped";
  if (skipped === middlewareCheck) {
    throw new Error(`${server.name}: the middleware check is ${skipped ? "off" : "on"}, expected ${middlewareCheck ? "on" : "off"}`);
  }
}

async function timeActionWithMail(
  server: BenchServer,
  managerCookie: string,
  mail: Awaited<ReturnType<typeof startDelayedMailApi>>,
  spareParentIds: number[],
) {
  const actionId = findServerActionId("app/admin/parents/actions.ts", "createParentUserAction");
  const timings: Record<"fast" | "slow", number[]> = { fast: [], slow: [] };
  let next = 0;
  // The first call compiles the page's server code, so it is not counted.
  for (let index = 0; index <= ACTION_REPETITIONS; index += 1) {
    // The order flips every pair, so neither kind always follows the other.
    const order = index % 2 === 0 ? (["fast", "slow"] as const) : (["slow", "fast"] as const);
    for (const kind of order) {
      mail.setDelay(kind === "slow" ? SLOW_MAIL_MS : 0);
      const parentId = spareParentIds[next];
      next += 1;
      const before = mail.received();
      const call = await callFormAction(server, `/admin/parents/${parentId}`, actionId, managerCookie, {
        parentId: String(parentId),
      });
      if (call.status !== 200 || !call.body.includes('"ok":true')) {
        throw new Error(`Create Parent User for parent ${parentId} failed: HTTP ${call.status}, ${call.body.slice(0, 300)}`);
      }
      // The next call starts only once this invitation reached the mail API
      // and the server has had time to record the send.
      if (!(await mail.waitForReceived(before + 1, SLOW_MAIL_MS + 15_000))) {
        throw new Error(`The invitation of parent ${parentId} did not reach the fake mail API; see ${server.logFile}`);
      }
      await new Promise((resolve) => setTimeout(resolve, ACTION_SETTLE_MS));
      if (index > 0) timings[kind].push(call.elapsedMs);
    }
  }
  return { fast: summariseTimings(timings.fast), slow: summariseTimings(timings.slow) };
}

async function main() {
  const started = Date.now();
  const machineAtStart = describeMachine();
  buildIfStale();
  mkdirSync(DATA_DIR, { recursive: true });

  const today = new Intl.DateTimeFormat("en-CA", { timeZone: timeZone() }).format(new Date());
  const generation: BenchReport["generation"] = [];
  const layouts: Record<string, SchoolLayout> = {};
  for (const [name, students] of [
    ["school-1k", 1_000],
    ["school-100k", 100_000],
  ] as const) {
    const begun = performance.now();
    layouts[name] = await generateSchool(path.join(DATA_DIR, `${name}.db`), students, today);
    generation.push({ name, students, seconds: (performance.now() - begun) / 1000 });
    console.log(`bench: generated ${name} in ${generation.at(-1)!.seconds.toFixed(1)} s`);
  }

  const mail = await startDelayedMailApi(PORTS.mail);
  const env = {
    AUTH_SECRET: randomBytes(32).toString("base64"),
    RESEND_API_KEY: "re_bench_key",
    RESEND_BASE_URL: mail.url,
    EMAIL_FROM: "Bench School <office@example.com>",
    SCHOOL_TIME_ZONE: timeZone(),
    APP_ENV: "",
    VERCEL_ENV: "",
  };
  // createParentUser runs in this process too, and builds invitation links from the environment.
  Object.assign(process.env, env, { APP_URL: "http://127.0.0.1:3180" });

  const servers: BenchServer[] = [];
  let mailOpen = true;
  const stopAll = async () => {
    for (const server of servers.splice(0)) await stopServer(server);
    if (mailOpen) {
      mailOpen = false;
      await mail.close();
    }
  };
  process.once("SIGINT", () => void stopAll().then(() => process.exit(130)));
  process.once("SIGTERM", () => void stopAll().then(() => process.exit(143)));

  try {
    const serverOptions = { env, logDir: DATA_DIR };
    const small = await startServer({ ...serverOptions, name: "small", port: PORTS.small, databaseFile: path.join(DATA_DIR, "school-1k.db") });
    servers.push(small);
    const smallNoCheck = await startServer({
      ...serverOptions,
      name: "small-without-middleware-check",
      port: PORTS.smallNoCheck,
      databaseFile: path.join(DATA_DIR, "school-1k.db"),
      env: { ...env, BENCH_SKIP_MIDDLEWARE_CHECK: "1" },
    });
    servers.push(smallNoCheck);
    const large = await startServer({ ...serverOptions, name: "large", port: PORTS.large, databaseFile: path.join(DATA_DIR, "school-100k.db") });
    servers.push(large);

    const parentSmall = await logIn(small, BENCH_PARENT_LOGIN, BENCH_PASSWORD);
    const parentLarge = await logIn(large, BENCH_PARENT_LOGIN, BENCH_PASSWORD);
    const manager = await logIn(small, BENCH_MANAGER_LOGIN, BENCH_PASSWORD);
    await checkDashboard(small, parentSmall, true);
    await checkDashboard(smallNoCheck, parentSmall, false);
    await checkDashboard(large, parentLarge, true);

    const health: Target = { label: "GET /api/health (1k school)", server: small, path: "/api/health" };
    const portal: Target = { label: "GET /portal (1k school)", server: small, path: "/portal", cookie: parentSmall };
    const portalNoCheck: Target = { label: "GET /portal without middleware check", server: smallNoCheck, path: "/portal", cookie: parentSmall };
    const portalLarge: Target = { label: "GET /portal (100k school)", server: large, path: "/portal", cookie: parentLarge };
    await warmUp([health, portal, portalNoCheck, portalLarge]);

    console.log(`bench: throughput, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${ROUND_MS / 1000} s per target`);
    const memory = sampleMemory(small);
    const [healthResult, portalResult, portalNoCheckResult] = await compare([health, portal, portalNoCheck], CONNECTIONS);
    const smallMemory = memory.stop();

    console.log("bench: middleware check, 1 connection");
    const [checkSerial, noCheckSerial] = await compare([portal, portalNoCheck], 1);

    console.log("bench: school size, 1 connection");
    const [sizeSmallSerial, sizeLargeSerial] = await compare([portal, portalLarge], 1);
    console.log(`bench: school size, ${CONNECTIONS} connections`);
    const [sizeSmallLoaded, sizeLargeLoaded] = await compare([portal, portalLarge], CONNECTIONS);

    console.log("bench: Create Parent User over HTTP with a fast and a slow mail API");
    const action = await timeActionWithMail(small, manager, mail, layouts["school-1k"].spareParentIds);
    console.log(`bench: action p50 ${action.fast.p50Ms.toFixed(1)} ms (mail at once), ${action.slow.p50Ms.toFixed(1)} ms (mail after ${SLOW_MAIL_MS} ms)`);

    await stopAll();

    console.log(`bench: createParentUser with 1 and 10 children, ${CREATE_REPETITIONS} calls each`);
    const createFile = path.join(DATA_DIR, "create-parent-user.db");
    const children = await timeCreateParentUserByChildren(createFile, CREATE_REPETITIONS);
    console.log(`bench: createParentUser mean ${children.oneChild.meanMs.toFixed(2)} ms (1 child), ${children.tenChildren.meanMs.toFixed(2)} ms (10 children)`);

    console.log(`bench: dashboard queries in process, ${QUERY_REPETITIONS} calls per school`);
    const [queriesSmall, queriesLarge] = await timeDashboardQueries(
      [
        { file: path.join(DATA_DIR, "school-1k.db"), parentUserId: layouts["school-1k"].benchParentUserId },
        { file: path.join(DATA_DIR, "school-100k.db"), parentUserId: layouts["school-100k"].benchParentUserId },
      ],
      today,
      BENCH_PARENT_CHILDREN,
      QUERY_REPETITIONS,
    );
    console.log(`bench: dashboard queries mean ${queriesSmall.meanMs.toFixed(2)} ms (1k school), ${queriesLarge.meanMs.toFixed(2)} ms (100k school)`);

    console.log(`bench: idle background worker pass, ${WORKER_REPETITIONS} passes per school`);
    const [workerSmall, workerLarge] = await timeIdleWorkerTicks(
      [path.join(DATA_DIR, "school-1k.db"), path.join(DATA_DIR, "school-100k.db")],
      today,
      WORKER_REPETITIONS,
    );
    console.log(`bench: worker pass mean ${workerSmall.meanMs.toFixed(1)} ms (1k school), ${workerLarge.meanMs.toFixed(1)} ms (100k school)`);

    const report: BenchReport = {
      quick,
      date: new Date().toISOString(),
      durationSeconds: (Date.now() - started) / 1000,
      machineAtStart,
      machineAtEnd: describeMachine(),
      settings: { connections: CONNECTIONS, rounds: ROUNDS, roundSeconds: ROUND_MS / 1000, createRepetitions: CREATE_REPETITIONS, actionRepetitions: ACTION_REPETITIONS, workerRepetitions: WORKER_REPETITIONS, queryRepetitions: QUERY_REPETITIONS, slowMailMs: SLOW_MAIL_MS },
      generation,
      throughput: { health: healthResult, portal: portalResult, portalNoCheck: portalNoCheckResult },
      checkSerial: { portal: checkSerial, portalNoCheck: noCheckSerial },
      memory: smallMemory,
      schoolSize: { smallSerial: sizeSmallSerial, largeSerial: sizeLargeSerial, smallLoaded: sizeSmallLoaded, largeLoaded: sizeLargeLoaded },
      createByChildren: children,
      actionWithMail: action,
      workerTicks: { small: workerSmall, large: workerLarge },
      dashboardQueries: { small: queriesSmall, large: queriesLarge },
    };
    const file = writeReport(report, quick ? path.join(DATA_DIR, "benchmarks-quick.md") : "docs/benchmarks.md");
    console.log(`bench: wrote ${file} after ${report.durationSeconds.toFixed(0)} s`);
  } finally {
    await stopAll();
  }
}

main().catch((error: unknown) => {
  console.error("bench: failed:", error);
  process.exit(1);
});
