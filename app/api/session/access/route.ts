import { NextResponse } from "next/server";
import { getVisibleStudentIds } from "@/lib/access/rule";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/db/client";
import type { SessionAccess } from "@/lib/access/session-access";

export const dynamic = "force-dynamic";

export type { SessionAccess } from "@/lib/access/session-access";

/**
 * Returns the caller's current role and visible student ids from the database,
 * the same result that middleware.ts computes with loadSessionAccess.
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
