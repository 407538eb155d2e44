// Starts the app for the browser tests: it deletes the e2e database, creates
// it again with scripts/migrate.ts and scripts/seed.ts (the db:migrate and
// db:seed scripts), then runs `next start` on 127.0.0.1 against the existing
// production build in .next.
// playwright.config.ts starts this script and passes the environment.
//
// Run it by hand with `npx tsx tests/support/e2e-server.ts` after
// `npm run build`, with DATABASE_URL=file:data/e2e.db and AUTH_SECRET set.

import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { APP_PORT, E2E_DATABASE_FILE } from "../e2e/support/e2e-settings";

const root = process.cwd();
const binDir = path.join(root, "node_modules", ".bin");

function fail(message: string): never {
  console.error(`e2e server: ${message}`);
  process.exit(1);
}

function checkPreconditions() {
  // This script deletes the database, so it rejects any other DATABASE_URL.
  const expectedUrl = `file:${E2E_DATABASE_FILE}`;
  if (process.env.DATABASE_URL !== expectedUrl) {
    fail(
      `DATABASE_URL is "${process.env.DATABASE_URL ?? ""}", expected "${expectedUrl}". ` +
        "This script deletes its database before each run, so it only runs against that file.",
    );
  }
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    fail("no production build in .next: run `npm run build` first (`npm run test:e2e` builds before testing).");
  }
}

function recreateDatabase() {
  mkdirSync(path.dirname(E2E_DATABASE_FILE), { recursive: true });
  // WAL mode leaves -wal and -shm files next to the database.
  for (const suffix of ["", "-wal", "-shm", "-journal"]) {
    rmSync(`${E2E_DATABASE_FILE}${suffix}`, { force: true });
  }
  for (const script of ["scripts/migrate.ts", "scripts/seed.ts"]) {
    const result = spawnSync(path.join(binDir, "tsx"), [script], { stdio: "inherit" });
    if (result.status !== 0) {
      fail(`${script} failed with exit code ${result.status ?? result.signal}; see its output above.`);
    }
  }
}

function startNext() {
  console.log(`e2e server: starting next start on http://127.0.0.1:${APP_PORT}`);
  const next = spawn(
    path.join(binDir, "next"),
    ["start", "--port", String(APP_PORT), "--hostname", "127.0.0.1"],
    { stdio: "inherit" },
  );
  // Playwright signals the whole process group. Forwarding covers a run by hand.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.log(`e2e server: received ${signal}, stopping next start (pid ${next.pid})`);
      next.kill(signal);
    });
  }
  next.once("error", (error) => fail(`could not start next: ${error.message}`));
  next.once("exit", (code, signal) => {
    console.log(`e2e server: next start stopped (exit code ${code ?? "none"}, signal ${signal ?? "none"})`);
    process.exit(code ?? 0);
  });
}

checkPreconditions();
recreateDatabase();
startNext();
