import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // `next dev` would otherwise write an AGENTS.md file into the repository.
  agentRules: false,
  experimental: { agentUpgrade: false },
  serverExternalPackages: ["@libsql/client", "libsql"],
  async redirects() {
    // OpenEduCat's portal lives at /web/login; keep old bookmarks working.
    return [{ source: "/web/login", destination: "/login", permanent: true }];
  },
};

export default nextConfig;
