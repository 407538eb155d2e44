import NextAuth, { type Session } from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { authConfig } from "./auth.config";
import type { SessionAccess } from "./app/api/session/access/route";
import { buildContentSecurityPolicy, createNonce } from "./lib/security/csp";

// First gate, on the Edge runtime. It reads only the signed session cookie and
// what /api/session/access loads from the database for that cookie. Pages,
// route handlers and server actions check the same rule again themselves.
// It also gives every page response a Content-Security-Policy with a fresh
// nonce.

const { auth } = NextAuth(authConfig);

const STUDENT_PATH = /^\/portal\/students\/([^/]+)/;
const PROTECTED_PATH = /^\/(admin|portal)(\/|$)/;

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

/**
 * Returns the request headers with the policy. Next.js reads the nonce for its
 * scripts from the request's Content-Security-Policy header. Next.js 16.5 also
 * copies the middleware's response headers onto the request, and
 * checkAccess's caller sets the same policy there.
 */
function withPolicy(request: NextRequest, policy: string): Headers {
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  return headers;
}

function notFound(request: NextRequest, policy: string) {
  // Rewriting to a path no route matches renders the app's 404 page.
  return NextResponse.rewrite(new URL("/_access/not-found", request.url), {
    status: 404,
    request: { headers: withPolicy(request, policy) },
  });
}

function toLogin(request: NextRequest) {
  const url = new URL("/login", request.url);
  url.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(url);
}

/**
 * Checks whether BENCH_SKIP_MIDDLEWARE_CHECK=1 turns the access check off, so
 * bench/run.ts can time protected pages with and without it on one build. The
 * variable is read at runtime and ignored when APP_ENV or VERCEL_ENV is
 * "production". Pages, route handlers and server actions still check the
 * session and the access rule themselves.
 */
function accessCheckSkippedForBenchmark(): boolean {
  if (process.env.APP_ENV === "production" || process.env.VERCEL_ENV === "production") return false;
  return process.env.BENCH_SKIP_MIDDLEWARE_CHECK === "1";
}

export default auth(async (request) => {
  const policy = buildContentSecurityPolicy(createNonce(), process.env.NODE_ENV === "development");
  const response = await checkAccess(request, policy);
  response.headers.set("Content-Security-Policy", policy);
  return response;
});

async function checkAccess(request: NextRequest & { auth: Session | null }, policy: string) {
  if (!PROTECTED_PATH.test(request.nextUrl.pathname)) {
    return NextResponse.next({ request: { headers: withPolicy(request, policy) } });
  }
  if (accessCheckSkippedForBenchmark()) {
    const response = NextResponse.next({ request: { headers: withPolicy(request, policy) } });
    response.headers.set("x-bench-middleware-check", "skipped");
    return response;
  }
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
    return notFound(request, policy);
  }
  return NextResponse.next({ request: { headers: withPolicy(request, policy) } });
}

export const config = {
  // Every path but build assets and route handlers, which keep the static
  // policy from next.config.ts. The access checks above cover /admin and /portal.
  matcher: ["/((?!_next/static/|_next/image|api/|favicon\\.ico$).*)"],
};
