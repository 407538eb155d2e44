import { NextResponse } from "next/server";
import { auth } from "@/auth";
import { getDb } from "@/db/client";
import { loadSessionAccess, type SessionAccess } from "@/lib/access/session-access";

export const dynamic = "force-dynamic";

export type { SessionAccess } from "@/lib/access/session-access";

/**
 * Returns the caller's current role and visible student ids from the database.
 * middleware.ts runs on the Edge runtime, which cannot open the database, so
 * it requests this route with the visitor's own cookie.
 */
export async function GET() {
  const session = await auth();
  const body: SessionAccess = session?.user
    ? await loadSessionAccess(getDb(), {
        userId: Number(session.user.id),
        sessionVersion: session.sessionVersion,
      })
    : { signedIn: false };
  return NextResponse.json(body, { headers: { "Cache-Control": "no-store" } });
}
