// Describes the machine a benchmark ran on, and rebuilds .next when sources changed.

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export type MachineInfo = {
  cpuModel: string;
  cpuCount: number;
  memoryGiB: number;
  node: string;
  os: string;
  loadAverage: number[];
};

function osName(): string {
  try {
    const release = readFileSync("/etc/os-release", "utf8");
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release);
    if (pretty) return `${pretty[1]} (${os.type()} ${os.release()})`;
  } catch {
    // Not Linux, or no os-release file.
  }
  return `${os.type()} ${os.release()}`;
}

export function describeMachine(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cpuCount: cpus.length,
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    os: osName(),
    loadAverage: os.loadavg(),
  };
}

// Inputs of `next build`. A change to any of them makes .next stale.
const BUILD_INPUTS = [
  "app",
  "lib",
  "db",
  "emails",
  "middleware.ts",
  "auth.ts",
  "auth.config.ts",
  "instrumentation.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];

function newestModification(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestModification(path.join(entry, child)));
  return newest;
}

/** Returns why .next needs a build, or null when it is newer than every build input. */
export function staleBuildReason(): string | null {
  const buildId = path.join(".next", "BUILD_ID");
  if (!existsSync(buildId)) return "there is no production build in .next";
  const builtAt = statSync(buildId).mtimeMs;
  const changed = BUILD_INPUTS.find((entry) => newestModification(entry) > builtAt);
  return changed ? `${changed} changed after the last build` : null;
}

/** Runs `next build` when .next is missing or stale, and throws when the build fails. */
export function buildIfStale(): void {
  const reason = staleBuildReason();
  if (reason === null) {
    console.log("bench: .next is up to date; not rebuilding");
    return;
  }
  console.log(`bench: running next build because ${reason}`);
  const result = spawnSync(path.join("node_modules", ".bin", "next"), ["build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", APP_ENV: "", VERCEL_ENV: "" },
  });
  if (result.status !== 0) throw new Error(`next build failed with exit code ${result.status ?? result.signal}`);
}
