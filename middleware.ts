import NextAuth, { type Session } from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { authConfig } from "./auth.config";
import { getDb } from "@/db/client";
import { loadSessionAccess, type SessionAccess } from "@/lib/access/session-access";

// First gate, on the Node.js runtime in the server process. It verifies the
// signed session cookie, then reads the user's current role and visible
// students from the database on every request, so a manager's change applies
// on the next request. It queries the database directly: on the Edge runtime
// it needed a loopback HTTP request to /api/session/access for the same data,
// which used more server CPU per request (measured in docs/benchmarks.md).
// Pages, route handlers and server actions check the same rule again themselves.

const { auth } = NextAuth(authConfig);

const STUDENT_PATH = /^\/portal\/students\/([^/]+)/;

async function loadAccess(session: Session): Promise<SessionAccess | null> {
  try {
    return await loadSessionAccess(getDb(), {
      userId: Number(session.user.id),
      sessionVersion: session.sessionVersion,
    });
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
 * Checks whether BENCH_SKIP_MIDDLEWARE_CHECK=1 turns this gate off, so that
 * bench/run.ts can time protected pages with and without it on one build.
 * The variable is read at runtime and ignored when APP_ENV or VERCEL_ENV is
 * "production". Pages, route handlers and server actions still check the
 * session and the access rule themselves when the gate is off.
 */
function gateSkippedForBenchmark(): boolean {
  if (process.env.APP_ENV === "production" || process.env.VERCEL_ENV === "production") return false;
  return process.env.BENCH_SKIP_MIDDLEWARE_CHECK === "1";
}

const accessGate = auth(async (request) => {
  if (!request.auth?.user) return toLogin(request);

  const access = await loadAccess(request.auth);
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

export default function middleware(...args: Parameters<typeof accessGate>) {
  if (gateSkippedForBenchmark()) {
    return NextResponse.next({ headers: { "x-bench-middleware-check": "skipped" } });
  }
  return accessGate(...args);
}

export const config = {
  // Node.js middleware is stable since Next.js 15.5; the Edge runtime cannot open the libSQL file.
  runtime: "nodejs",
  matcher: ["/admin", "/admin/:path*", "/portal", "/portal/:path*"],
};
