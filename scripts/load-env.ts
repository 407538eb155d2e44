import nextEnv from "@next/env";

// Scripts read .env and .env.local the same way `next` does.
nextEnv.loadEnvConfig(process.cwd());
