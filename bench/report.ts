// Renders the figures of one `npm run bench` run as Markdown.

import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { TimingSummary } from "./create-parent-user";
import type { LoadResult } from "./load";
import type { MachineInfo } from "./machine";

export type TargetResult = LoadResult & {
  /** CPU time of the server's process tree per request, or null where /proc is missing. */
  serverCpuMsPerRequest: number | null;
};

export type BenchReport = {
  quick: boolean;
  date: string;
  durationSeconds: number;
  machineAtStart: MachineInfo;
  machineAtEnd: MachineInfo;
  settings: {
    connections: number;
    rounds: number;
    roundSeconds: number;
    createRepetitions: number;
    actionRepetitions: number;
    workerRepetitions: number;
    queryRepetitions: number;
    slowMailMs: number;
  };
  generation: { name: string; students: number; seconds: number }[];
  throughput: { health: TargetResult; portal: TargetResult; portalNoCheck: TargetResult };
  checkSerial: { portal: TargetResult; portalNoCheck: TargetResult };
  memory: { idleBytes: number | null; peakBytes: number | null };
  schoolSize: { smallSerial: TargetResult; largeSerial: TargetResult; smallLoaded: TargetResult; largeLoaded: TargetResult };
  createByChildren: { oneChild: TimingSummary; tenChildren: TimingSummary };
  actionWithMail: { fast: TimingSummary; slow: TimingSummary };
  workerTicks: { small: TimingSummary; large: TimingSummary };
  dashboardQueries: { small: TimingSummary; large: TimingSummary };
};

const ms = (value: number) => `${value.toFixed(1)} ms`;
const rps = (value: number) => `${value.toFixed(1)}/s`;
const ratio = (value: number) => `${value.toFixed(2)}×`;
const mib = (bytes: number | null) => (bytes === null ? "n/a" : `${(bytes / 1024 ** 2).toFixed(0)} MiB`);

const cpu = (value: number | null) => (value === null ? "n/a" : `${value.toFixed(2)} ms`);
const cpuRatio = (a: TargetResult, b: TargetResult) =>
  a.serverCpuMsPerRequest === null || b.serverCpuMsPerRequest === null
    ? "n/a"
    : ratio(a.serverCpuMsPerRequest / b.serverCpuMsPerRequest);

function loadRow(label: string, result: TargetResult): string {
  return `| ${label} | ${rps(result.requestsPerSecond)} | ${ms(result.p50Ms)} | ${ms(result.p95Ms)} | ${ms(result.p99Ms)} | ${result.requests} | ${result.errors} | ${cpu(result.serverCpuMsPerRequest)} |`;
}

function loadTable(rows: [string, TargetResult][]): string {
  return [
    "| target | requests/s | p50 | p95 | p99 | requests | errors | server CPU per request |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map(([label, result]) => loadRow(label, result)),
  ].join("\n");
}

function timingTable(rows: [string, TimingSummary][]): string {
  return [
    "| case | calls | mean | p50 | p95 | max |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map(
      ([label, timing]) =>
        `| ${label} | ${timing.count} | ${ms(timing.meanMs)} | ${ms(timing.p50Ms)} | ${ms(timing.p95Ms)} | ${ms(timing.maxMs)} |`,
    ),
  ].join("\n");
}

function machineLines(report: BenchReport): string[] {
  const machine = report.machineAtStart;
  const load = (info: MachineInfo) => info.loadAverage.map((value) => value.toFixed(2)).join(", ");
  return [
    `- Date: ${report.date} (the run took ${report.durationSeconds.toFixed(0)} s, including data generation${report.quick ? "; **quick mode**, too short to quote" : ""})`,
    `- CPU: ${machine.cpuModel}, ${machine.cpuCount} logical CPUs; RAM ${machine.memoryGiB.toFixed(1)} GiB`,
    `- Node.js ${machine.node}; ${machine.os}`,
    `- Load average (1, 5, 15 min) at start: ${load(machine)}; at end: ${load(report.machineAtEnd)}`,
  ];
}

// Earlier measurements that explain the current code. Each compares two
// builds, so it is a ratio from each run, not one run's A against B.
const HISTORY = `## Earlier measurements

**Middleware on the Edge runtime against an experimental Node.js variant, 4
December 2026.** \`middleware.ts\` runs on the Edge runtime, which cannot
open the libSQL file, so it fetches \`/api/session/access\` from the same
server over HTTP for every protected request (verifying the session cookie
twice). One experiment moved the middleware to the Node.js runtime and read
the same data with a direct query. It was not kept, because the access rule
must be applied by Edge middleware, which on Vercel runs apart from the
server functions. The figures come from full runs of this harness on a
shared machine (AMD EPYC, 2 logical CPUs, 23.5 GiB RAM, Node.js v20.20.2,
Debian 12) with a load average between 10 and 18 from other work:

| middleware | /portal server CPU per request, with the check minus without, 50 connections | same, 1 connection |
| --- | ---: | ---: |
| Edge runtime, loopback request (1 run) | +8.0 ms (22.7 against 14.7 ms, 1.55×) | +6.2 ms (22.6 against 16.4 ms, 1.38×) |
| Node.js runtime, direct query (4 runs, not kept) | −1.7 to +3.9 ms (0.89× to 1.27×), mean +1.1 ms | −0.5 to +3.1 ms (0.97× to 1.23×), mean +1.5 ms |

In the Edge run, 7 loopback requests also timed out after 5 s at 50
connections (the middleware then answers 503), most likely because the
loopback request waits in the same queue as the page requests that wait for
it. NOTE: under that load a visitor can get "The access check is
unavailable; try again shortly." A deployment where the middleware runs on
the edge network (Vercel) sends the loopback request to a separate function
instance instead, which this single-server harness does not reproduce.

**School size, same day, the four runs of the Node.js variant.** \`/portal\` on the
100,000-student school used 1.24× to 1.48× the server CPU per request of the
1,000-student school at 1 connection and 1.03× to 1.50× at 50 connections,
while the dashboard queries alone took 0.73× to 1.27× the time. The idle
worker pass (150–300 ms every 15 s on the large school) explains only about
0.4 ms per request at the measured request rates (an estimate: pass time
over requests per 15 s). NOTE: the rest of the difference is not explained
yet.

**Create Parent User and the mail API, same day, five full runs.** The
action's p50 with the mail API answering after 2 s was 0.51× to 1.10× the
p50 with it answering at once, never near the 2 s delay, so a slow mail API
does not slow the action. With 8 calls per case on a busy machine the
spread is wide, and the at-once case was the slower one in four of the runs.
`;

/** Renders the report as Markdown. */
export function renderReport(report: BenchReport): string {
  const { throughput: t, checkSerial: e, schoolSize: s, createByChildren: c, actionWithMail: a, workerTicks: w, dashboardQueries: q, settings } = report;
  const roundsText = `${settings.rounds} rounds of ${settings.roundSeconds} s per target, targets alternating`;
  const summary = [
    "| figure | ratio |",
    "| --- | ---: |",
    `| /portal against /api/health, requests/s at ${settings.connections} connections | ${ratio(t.portal.requestsPerSecond / t.health.requestsPerSecond)} |`,
    `| /portal against /api/health, server CPU per request | ${cpuRatio(t.portal, t.health)} |`,
    `| /portal with the middleware check against without, requests/s at ${settings.connections} connections | ${ratio(t.portal.requestsPerSecond / t.portalNoCheck.requestsPerSecond)} |`,
    `| /portal with the middleware check against without, server CPU per request | ${cpuRatio(t.portal, t.portalNoCheck)} |`,
    `| /portal with the middleware check against without, p50 latency at 1 connection | ${ratio(e.portal.p50Ms / e.portalNoCheck.p50Ms)} |`,
    `| /portal, 100,000-student school against 1,000, p50 latency at 1 connection | ${ratio(s.largeSerial.p50Ms / s.smallSerial.p50Ms)} |`,
    `| /portal, 100,000-student school against 1,000, requests/s at ${settings.connections} connections | ${ratio(s.largeLoaded.requestsPerSecond / s.smallLoaded.requestsPerSecond)} |`,
    `| /portal, 100,000-student school against 1,000, server CPU per request at ${settings.connections} connections | ${cpuRatio(s.largeLoaded, s.smallLoaded)} |`,
    `| dashboard queries alone (in process), 100,000-student school against 1,000, mean | ${ratio(q.large.meanMs / q.small.meanMs)} |`,
    `| createParentUser, 10 children against 1, mean time per call | ${ratio(c.tenChildren.meanMs / c.oneChild.meanMs)} |`,
    `| Create Parent User action, mail API answering after ${settings.slowMailMs / 1000} s against at once, p50 | ${ratio(a.slow.p50Ms / a.fast.p50Ms)} |`,
    `| idle background worker pass, 100,000-student school against 1,000, mean | ${ratio(w.large.meanMs / w.small.meanMs)} |`,
    `| server RSS, peak under ${settings.connections}-connection load against idle | ${report.memory.peakBytes && report.memory.idleBytes ? ratio(report.memory.peakBytes / report.memory.idleBytes) : "n/a"} |`,
  ];

  return `# Benchmarks

Figures of one run of \`npm run bench\` (\`bench/run.ts\`), which rewrites this page.
Each figure is a ratio of two targets measured in the same run against servers
started from the same production build, in rounds that alternate between the
targets, so that other work on the machine weighs on both sides alike. The
absolute numbers below depend on the machine and on what else it was doing.

Run it with \`npm run bench\` (builds with \`next build\` first when \`.next\` is
missing or older than the sources; needs ports 3180–3182 and 3990 free on
127.0.0.1). \`npm run bench -- --quick\` only checks the harness and writes
its figures to \`data/bench/benchmarks-quick.md\`. Databases and server logs
go to \`data/bench/\`.

## Machine

${machineLines(report).join("\n")}

## Summary

${summary.join("\n")}

## Servers and data

\`bench/generate-school.ts\` writes two schools into new libSQL files, with
rows generated by SQLite (INSERT … SELECT, one transaction per table):
${report.generation.map((school) => `${school.students.toLocaleString("en-GB")} students in ${school.seconds.toFixed(1)} s`).join(" and ")}.
Each student has a portal user, attendance on 20 school days, 6 results and
3 fees; each family has one parent user with 3 notifications. The benchmark
parent (\`bench.parent@example.com\`) has the same 3 children with the same
rows in both schools.

Three \`next start\` servers run on 127.0.0.1 from one build: the 1,000-student
school (port 3180), the same database with the middleware check off (3181) and the
100,000-student school (3182). The load generator (\`bench/load.ts\`) keeps N
keep-alive connections busy, each sending the next request when the previous
response has been read, and runs in the same process as the rest of the harness
on the same machine. Requests carry the session cookie that Auth.js set
when the harness posted the parent's email and password to the
login form's server action. An error is any status other than 200, or
no complete response within 30 s. "Server CPU per request" is the user and
system CPU time of the server's process tree (from /proc) during a target's
rounds, divided by its requests. It depends less on other work on the
machine than requests/s does.

## Dashboard against a bare route handler

\`GET /portal\` (the parent's dashboard: session, access rule and seven
queries) against \`GET /api/health\` (one \`SELECT 1\`, public, outside the
middleware), ${settings.connections} connections, ${roundsText}.

${loadTable([
  ["/api/health", t.health],
  ["/portal", t.portal],
])}

Peak RSS of the 1,000-student server's process tree (\`next start\` and
\`next-server\`, read from /proc every 200 ms) while these and the next
targets ran: ${mib(report.memory.peakBytes)}, against ${mib(report.memory.idleBytes)} idle
before the load (after warm-up).

## Middleware check on and off

The middleware (\`middleware.ts\`, Edge runtime) verifies the session
cookie and requests the user's role and visible students from
\`/api/session/access\`, which reads them from the database, on every
protected request. To time a protected page without it on the same
build, the server on port 3181 runs with \`BENCH_SKIP_MIDDLEWARE_CHECK=1\`,
which makes the middleware return at once (it is ignored when \`APP_ENV\` or
\`VERCEL_ENV\` is \`production\`); the page still checks the session and the
rule itself. Both servers use the same database file and the same session
cookie, and the harness checks the \`x-bench-middleware-check\` response
header to confirm which server skipped the check. ${settings.connections} connections, then 1,
${roundsText}.

${loadTable([
  ["/portal with the middleware check", t.portal],
  ["/portal without the middleware check", t.portalNoCheck],
  ["/portal with the middleware check, 1 connection", e.portal],
  ["/portal without the middleware check, 1 connection", e.portalNoCheck],
])}

Difference with the check minus without: ${cpu(t.portal.serverCpuMsPerRequest !== null && t.portalNoCheck.serverCpuMsPerRequest !== null ? t.portal.serverCpuMsPerRequest - t.portalNoCheck.serverCpuMsPerRequest : null)} of server CPU per
request at ${settings.connections} connections, ${ms(e.portal.p50Ms - e.portalNoCheck.p50Ms)} of p50 latency at 1 connection.

## School size

The same parent's dashboard on the 1,000-student and the 100,000-student
school, ${roundsText}.

${loadTable([
  ["1,000 students, 1 connection", s.smallSerial],
  ["100,000 students, 1 connection", s.largeSerial],
  [`1,000 students, ${settings.connections} connections`, s.smallLoaded],
  [`100,000 students, ${settings.connections} connections`, s.largeLoaded],
])}

The dashboard's database work alone (\`getDashboardByUser\`: the access rule
and six queries over the parent's children), called in the harness's process
on both files, alternating, ${settings.queryRepetitions} calls each after ten warm-up calls:

${timingTable([
  ["1,000 students", q.small],
  ["100,000 students", q.large],
])}

## Create Parent User

\`createParentUser\` (\`lib/parents/create-parent-user.ts\`) called in the
harness's process on a migrated file database, for parents with 1 child and
with 10 children (every child has a portal user, so child_ids gets 1 or 10
rows), alternating, ${settings.createRepetitions} calls each; the first two of
each are left out as warm-up.

${timingTable([
  ["1 child", c.oneChild],
  ["10 children", c.tenChildren],
])}

The manager's server action (\`createParentUserAction\`) posted over HTTP to
the 1,000-student server, as React posts a form action, with the fake mail
API answering at once or after ${settings.slowMailMs / 1000} s, alternating,
${settings.actionRepetitions} calls each after one warm-up pair, the order
flipping every pair. The time is until the whole response was read, which is
what the manager waits for. The next call starts 300 ms after the invitation
reached the fake API.

${timingTable([
  ["mail API answers at once", a.fast],
  [`mail API answers after ${settings.slowMailMs / 1000} s`, a.slow],
])}

## Background worker

Each server runs \`lib/email/worker.ts\` every 15 s: it looks for fees that
became overdue, notifications not yet emailed and daily digests due, then
sends due outbox rows. The harness runs the same four steps in its own
process on both school files after the servers stopped, when there is
nothing to do (every fee notified, every notification emailed), at 18:00 UTC
so the digest step runs too, alternating, ${settings.workerRepetitions} passes
each after one warm-up pass. The embedded libSQL driver runs each query
synchronously, so in a server this time blocks every request in flight.

${timingTable([
  ["1,000 students", w.small],
  ["100,000 students", w.large],
])}

Partial indexes on \`fees (due_date) WHERE overdue_notified_at IS NULL\` and
\`notifications (user_id, id) WHERE emailed_at IS NULL\` (migration
\`0004_worker_scan_indexes\`) let the pass read only the rows it handles.
Before them the pass scanned both tables and took 150–300 ms on the
100,000-student school against 6–36 ms on the 1,000-student school (runs of
this harness on the same day, on a machine loaded by other work).

${HISTORY}`;
}

/** Writes the report to `file` and returns its path. */
export function writeReport(report: BenchReport, file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, renderReport(report));
  return file;
}
