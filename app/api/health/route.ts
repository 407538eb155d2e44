import { sql } from "drizzle-orm";
import { NextResponse } from "next/server";
import { getDb } from "@/db/client";

export const dynamic = "force-dynamic";

/** Reports whether the server can reach its database. */
export async function GET() {
  try {
    await getDb().run(sql`SELECT 1`);
    return NextResponse.json({ status: "ok" });
  } catch (error) {
    console.error("health check: database query failed", error);
    return NextResponse.json({ status: "error", reason: "database unavailable" }, { status: 503 });
  }
}
