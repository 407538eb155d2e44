import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // `next dev` would otherwise write an AGENTS.md file into the repository.
  agentRules: false,
  experimental: { agentUpgrade: false },
  serverExternalPackages: ["@libsql/client", "libsql"],
  async headers() {
    // The set-password link carries its token in the query string; keep it out
    // of Referer headers sent to any other page or site.
    return [{ source: "/set-password", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] }];
  },
  async redirects() {
    // OpenEduCat's portal lives at /web/login; keep old bookmarks working.
    return [{ source: "/web/login", destination: "/login", permanent: true }];
  },
};

export default nextConfig;
