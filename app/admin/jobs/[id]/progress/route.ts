import { NextResponse } from "next/server";
import { parseRouteId } from "@/app/admin/_lib/route-params";
import { getCurrentUser } from "@/lib/auth/session";
import { getJobProgress } from "@/lib/jobs/queries";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

/** Returns a bulk job's status and counts as JSON, for the progress bar. Managers only. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) {
    return NextResponse.json({ error: "Log in again as a manager." }, { status: 401, headers: noStore });
  }
  if (user.role !== "manager") {
    return NextResponse.json({ error: "Only managers can see bulk jobs." }, { status: 403, headers: noStore });
  }
  const id = parseRouteId((await params).id);
  const progress = id === null ? null : await getJobProgress({ id });
  if (!progress) {
    return NextResponse.json({ error: "No such job." }, { status: 404, headers: noStore });
  }
  return NextResponse.json(progress, { headers: noStore });
}
