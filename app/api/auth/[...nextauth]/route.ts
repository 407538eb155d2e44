import { handlers } from "@/auth";

export const { GET } = handlers;

/**
 * Rejects every POST to Auth.js's own endpoints. The app signs users in and
 * out only through its server actions (app/login/actions.ts), which call
 * Auth.js in-process and apply the login throttle. A POST to
 * /api/auth/callback/credentials would check passwords without that throttle.
 */
export function POST() {
  return new Response("Not found", { status: 404 });
}
