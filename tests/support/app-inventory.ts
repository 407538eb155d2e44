import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

// Lists what the app serves, read from the source tree and the production
// build, so that the access matrix (tests/e2e/access-matrix.ts) can fail when
// a page, route handler or server action has no row.

export type RouteKind = "page" | "route";

export type AppRoute = {
  kind: RouteKind;
  /** URL pattern with Next.js segments, for example /portal/students/[id]/fees. */
  pattern: string;
  /** File under the project root, for example app/portal/page.tsx. */
  file: string;
};

export type ServerAction = {
  /** `<file>#<export>`, for example app/admin/fees/actions.ts#createFeeAction. */
  key: string;
  file: string;
  exportedName: string;
};

export type BuiltServerAction = ServerAction & {
  /** The id that clients send in the Next-Action header. */
  id: string;
  /** Page entries of the build that include the action, for example app/admin/fees/page. */
  workers: string[];
};

const ROOT = process.cwd();
const APP_DIR = path.join(ROOT, "app");
const MANIFEST = path.join(ROOT, ".next", "server", "server-reference-manifest.json");

function listFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

function relative(file: string): string {
  return path.relative(ROOT, file).split(path.sep).join("/");
}

/**
 * Turns app/a/(group)/b/[id]/page.tsx into /a/b/[id]. Route groups and
 * private folders (_name) do not appear in URLs; private folders hold no routes.
 */
export function routePattern(file: string): string | null {
  const segments = relative(file).split("/").slice(1, -1);
  if (segments.some((segment) => segment.startsWith("_"))) return null;
  const visible = segments.filter((segment) => !/^\(.*\)$/.test(segment));
  return `/${visible.join("/")}`;
}

/** Lists every app/**\/page.tsx and app/**\/route.ts, sorted by URL pattern. */
export function listRoutes(): AppRoute[] {
  const routes: AppRoute[] = [];
  for (const file of listFiles(APP_DIR)) {
    const base = path.basename(file);
    const kind: RouteKind | null = /^page\.(tsx|ts|jsx|js)$/.test(base)
      ? "page"
      : /^route\.(ts|js)$/.test(base)
        ? "route"
        : null;
    if (!kind) continue;
    const pattern = routePattern(file);
    if (pattern !== null) routes.push({ kind, pattern, file: relative(file) });
  }
  return routes.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

const USE_SERVER = /^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*["']use server["']/;
const EXPORTED_NAME = /^export\s+(?:async\s+)?(?:function\s+([A-Za-z0-9_$]+)|const\s+([A-Za-z0-9_$]+))/gm;

/**
 * Lists the exported functions of every file under app/ and lib/ that starts
 * with the "use server" directive. Files with the directive inside a function
 * body only are not covered, and the app has none.
 */
export function listSourceActions(): ServerAction[] {
  const files = ["app", "lib"].flatMap((folder) => listFiles(path.join(ROOT, folder)));
  const actions: ServerAction[] = [];
  for (const file of files.filter((name) => /\.(ts|tsx)$/.test(name))) {
    const source = readFileSync(file, "utf8");
    if (!USE_SERVER.test(source)) continue;
    for (const match of source.matchAll(EXPORTED_NAME)) {
      const exportedName = match[1] ?? match[2];
      actions.push({ key: `${relative(file)}#${exportedName}`, file: relative(file), exportedName });
    }
  }
  return actions.sort((a, b) => a.key.localeCompare(b.key));
}

type ManifestEntry = { workers: Record<string, unknown>; filename: string; exportedName: string };

/** Lists the server actions of the production build in .next, with their ids. */
export function listBuiltActions(): BuiltServerAction[] {
  const manifest = JSON.parse(readFileSync(MANIFEST, "utf8")) as {
    node: Record<string, ManifestEntry>;
    edge: Record<string, ManifestEntry>;
  };
  const entries = { ...manifest.edge, ...manifest.node };
  return Object.entries(entries)
    .map(([id, entry]) => ({
      id,
      key: `${entry.filename}#${entry.exportedName}`,
      file: entry.filename,
      exportedName: entry.exportedName,
      workers: Object.keys(entry.workers).sort(),
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
}
