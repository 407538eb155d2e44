import type { NextConfig } from "next";
import { isProductionDeployment } from "./lib/env";

// Policy for responses that middleware.ts does not handle: build assets and
// route handlers. Pages get a stricter policy with a per-request script nonce
// from middleware.ts (lib/security/csp.ts), which replaces this one.
const CONTENT_SECURITY_POLICY =
  "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

function securityHeaders(): { key: string; value: string }[] {
  const list = [
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Content-Security-Policy", value: CONTENT_SECURITY_POLICY },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  ];
  // HSTS only on a production deployment, which is served over HTTPS. Next.js
  // stores the result of headers() at `next build`, so the build's APP_ENV or
  // VERCEL_ENV decides.
  if (isProductionDeployment()) {
    list.push({ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" });
  }
  return list;
}

const nextConfig: NextConfig = {
  // `next dev` would otherwise write an AGENTS.md file into the repository.
  agentRules: false,
  experimental: {
    agentUpgrade: false,
    // Room for a CSV import file of up to 4 MB (lib/import/csv.ts) plus the
    // multipart form around it. Next.js otherwise limits a server action's body to 1 MB.
    serverActions: { bodySizeLimit: "5mb" },
  },
  serverExternalPackages: ["@libsql/client", "libsql"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders() },
      // The set-password link carries its token in the query string; keep it out
      // of Referer headers sent to any other page or site. When two entries set
      // the same header, Next.js sends the later one, so this entry comes last.
      { source: "/set-password", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
    ];
  },
  async redirects() {
    // OpenEduCat's portal lives at /web/login; keep old bookmarks working.
    return [{ source: "/web/login", destination: "/login", permanent: true }];
  },
};

export default nextConfig;
