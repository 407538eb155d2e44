// Writes the figures of one `npm run bench` run to docs/benchmarks.md.

import { mkdirSync, writeFileSync } from "node:fs";
import type { TimingSummary } from "./create-parent-user";
import type { LoadResult } from "./load";
import type { MachineInfo } from "./machine";

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
    slowMailMs: number;
  };
  generation: { name: string; students: number; seconds: number }[];
  throughput: { health: LoadResult; portal: LoadResult; portalNoEdge: LoadResult; access: LoadResult };
  memory: { idleBytes: number | null; peakBytes: number | null };
  schoolSize: { smallSerial: LoadResult; largeSerial: LoadResult; smallLoaded: LoadResult; largeLoaded: LoadResult };
  createByChildren: { oneChild: TimingSummary; tenChildren: TimingSummary };
  actionWithMail: { fast: TimingSummary; slow: TimingSummary };
};

const ms = (value: number) => `${value.toFixed(1)} ms`;
const rps = (value: number) => `${value.toFixed(1)}/s`;
const ratio = (value: number) => `${value.toFixed(2)}×`;
const mib = (bytes: number | null) => (bytes === null ? "n/a" : `${(bytes / 1024 ** 2).toFixed(0)} MiB`);

function loadRow(label: string, result: LoadResult): string {
  return `| ${label} | ${rps(result.requestsPerSecond)} | ${ms(result.p50Ms)} | ${ms(result.p95Ms)} | ${ms(result.p99Ms)} | ${result.requests} | ${result.errors} |`;
}

function loadTable(rows: [string, LoadResult][]): string {
  return [
    "| target | requests/s | p50 | p95 | p99 | requests | errors |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
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

/** Renders the report as Markdown. */
export function renderReport(report: BenchReport): string {
  const { throughput: t, schoolSize: s, createByChildren: c, actionWithMail: a, settings } = report;
  const roundsText = `${settings.rounds} rounds of ${settings.roundSeconds} s per target, targets alternating`;
  const edgeCostMs = t.portal.p50Ms - t.portalNoEdge.p50Ms;
  const summary = [
    "| figure | ratio |",
    "| --- | ---: |",
    `| /portal against /api/health, requests/s at ${settings.connections} connections | ${ratio(t.portal.requestsPerSecond / t.health.requestsPerSecond)} |`,
    `| /portal with the edge check against without, requests/s at ${settings.connections} connections | ${ratio(t.portal.requestsPerSecond / t.portalNoEdge.requestsPerSecond)} |`,
    `| /portal with the edge check against without, p50 latency at ${settings.connections} connections | ${ratio(t.portal.p50Ms / t.portalNoEdge.p50Ms)} |`,
    `| /portal, 100,000-student school against 1,000, p50 latency at 1 connection | ${ratio(s.largeSerial.p50Ms / s.smallSerial.p50Ms)} |`,
    `| /portal, 100,000-student school against 1,000, requests/s at ${settings.connections} connections | ${ratio(s.largeLoaded.requestsPerSecond / s.smallLoaded.requestsPerSecond)} |`,
    `| createParentUser, 10 children against 1, mean time per call | ${ratio(c.tenChildren.meanMs / c.oneChild.meanMs)} |`,
    `| Create Parent User action, mail API answering after ${settings.slowMailMs / 1000} s against at once, p50 | ${ratio(a.slow.p50Ms / a.fast.p50Ms)} |`,
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
127.0.0.1). \`npm run bench -- --quick\` only checks the harness. Databases and
server logs go to \`data/bench/\`.

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
school (port 3180), the same database with the edge check off (3181) and the
100,000-student school (3182). The load generator (\`bench/load.ts\`) keeps N
keep-alive connections busy, each sending the next request when the previous
response has been read, and runs in the same process as the rest of the harness
on the same machine. Requests carry the session cookie that Auth.js set when
the harness posted the parent's email and password to
\`/api/auth/callback/credentials\`. An error is any status other than 200.

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

## Edge middleware on and off

The middleware (\`middleware.ts\`) verifies the session cookie and makes one
loopback request to \`/api/session/access\` per protected request. To time a
protected page without it on the same build, the server on port 3181 runs with
\`BENCH_SKIP_EDGE_CHECK=1\`, which makes the middleware return at once (it is
ignored when \`APP_ENV\` or \`VERCEL_ENV\` is \`production\`); the page still
checks the session and the rule itself. Both servers use the same database
file and the same session cookie. The harness checks the
\`x-bench-edge-check\` response header to confirm which server skipped the
check. ${settings.connections} connections, ${roundsText}.

${loadTable([
  ["/portal with the edge check", t.portal],
  ["/portal without the edge check", t.portalNoEdge],
  ["/api/session/access alone", t.access],
])}

The edge check added ${ms(edgeCostMs)} to the p50 latency at this load.

## School size

The same parent's dashboard on the 1,000-student and the 100,000-student
school, ${roundsText}.

${loadTable([
  ["1,000 students, 1 connection", s.smallSerial],
  ["100,000 students, 1 connection", s.largeSerial],
  [`1,000 students, ${settings.connections} connections`, s.smallLoaded],
  [`100,000 students, ${settings.connections} connections`, s.largeLoaded],
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
${settings.actionRepetitions} calls each after one warm-up pair. The time is
until the whole response was read, which is what the manager waits for. The
next call starts only after the invitation reached the fake API.

${timingTable([
  ["mail API answers at once", a.fast],
  [`mail API answers after ${settings.slowMailMs / 1000} s`, a.slow],
])}
`;
}

/** Writes docs/benchmarks.md and returns its path. */
export function writeReport(report: BenchReport): string {
  mkdirSync("docs", { recursive: true });
  const file = "docs/benchmarks.md";
  writeFileSync(file, renderReport(report));
  return file;
}
