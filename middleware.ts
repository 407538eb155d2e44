import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { authConfig } from "./auth.config";
import type { SessionAccess } from "./app/api/session/access/route";

// First gate, on the Edge runtime. It reads only the signed session cookie and
// what /api/session/access loads from the database for that cookie. Pages,
// route handlers and server actions check the same rule again themselves.

const { auth } = NextAuth(authConfig);

const STUDENT_PATH = /^\/portal\/students\/([^/]+)/;

function internalBaseUrl(): string {
  // Never the request's Host header, which the client controls.
  return process.env.INTERNAL_URL || process.env.APP_URL || "http://localhost:3000";
}

async function fetchAccess(request: NextRequest): Promise<SessionAccess | null> {
  try {
    const response = await fetch(new URL("/api/session/access", internalBaseUrl()), {
      headers: { cookie: request.headers.get("cookie") ?? "" },
      cache: "no-store",
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) return null;
    return (await response.json()) as SessionAccess;
  } catch (error) {
    console.error("middleware: access check failed", error);
    return null;
  }
}

function notFound(request: NextRequest) {
  // Rewriting to a path no route matches renders the app's 404 page.
  return NextResponse.rewrite(new URL("/_access/not-found", request.url), { status: 404 });
}

function toLogin(request: NextRequest) {
  const url = new URL("/login", request.url);
  url.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(url);
}

/**
 * Whether BENCH_SKIP_EDGE_CHECK=1 turns this gate off, so that bench/run.ts
 * can time protected pages with and without it on one build. The variable is
 * read at runtime and ignored when APP_ENV or VERCEL_ENV is "production".
 * Pages, route handlers and server actions still check the session and the
 * access rule themselves when the gate is off.
 */
function edgeCheckSkipped(): boolean {
  if (process.env.APP_ENV === "production" || process.env.VERCEL_ENV === "production") return false;
  return process.env.BENCH_SKIP_EDGE_CHECK === "1";
}

const edgeCheck = auth(async (request) => {
  if (!request.auth?.user) return toLogin(request);

  const access = await fetchAccess(request);
  if (access === null) {
    return new NextResponse("The access check is unavailable; try again shortly.", {
      status: 503,
      headers: { "Retry-After": "5" },
    });
  }
  if (!access.signedIn) return toLogin(request);

  const path = request.nextUrl.pathname;
  if (path.startsWith("/admin") && access.role !== "manager") {
    return NextResponse.redirect(new URL("/portal", request.url));
  }
  if (path.startsWith("/portal") && access.role === "manager") {
    return NextResponse.redirect(new URL("/admin", request.url));
  }
  const studentMatch = STUDENT_PATH.exec(path);
  if (studentMatch && !access.studentIds.includes(Number(studentMatch[1]))) {
    return notFound(request);
  }
  return NextResponse.next();
});

export default function middleware(...args: Parameters<typeof edgeCheck>) {
  if (edgeCheckSkipped()) {
    return NextResponse.next({ headers: { "x-bench-edge-check": "skipped" } });
  }
  return edgeCheck(...args);
}

export const config = {
  matcher: ["/admin", "/admin/:path*", "/portal", "/portal/:path*"],
};
