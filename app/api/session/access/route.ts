import { NextResponse } from "next/server";
import { getVisibleStudentIds } from "@/lib/access/rule";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/db/client";

export const dynamic = "force-dynamic";

export type SessionAccess =
  | { signedIn: false }
  | { signedIn: true; role: "manager" | "portal"; studentIds: number[] };

/**
 * Returns the caller's current role and visible student ids from the database.
 * middleware.ts calls this with the visitor's own cookie on every protected
 * request, so a change a manager makes applies on the very next request.
 */
export async function GET() {
  const user = await getCurrentUser();
  const body: SessionAccess = user
    ? {
        signedIn: true,
        role: user.role,
        studentIds: user.role === "portal" ? await getVisibleStudentIds(getDb(), user.id) : [],
      }
    : { signedIn: false };
  return NextResponse.json(body, { headers: { "Cache-Control": "no-store" } });
}
