import { getDb } from "@/db/client";
import { checkHealth } from "@/lib/deploy/health";

// Checked on every request, never cached. middleware.ts does not match /api,
// so the route needs no session.
export const dynamic = "force-dynamic";

/** Returns the health report: 200 when the database responds and is fully migrated, else 503. */
export async function GET(): Promise<Response> {
  const report = await checkHealth(getDb());
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
