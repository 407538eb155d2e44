import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    // Mirrors the tsconfig path mapping "@/*" -> "./*".
    alias: { "@": root },
  },
  test: {
    include: ["tests/unit/**/*.test.ts"],
    environment: "node",
    setupFiles: ["tests/unit/setup.ts"],
    // scrypt hashing (32 MiB per hash) and file databases make some tests take seconds.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    env: {
      AUTH_SECRET: "unit-test-secret-0123456789abcdef0123456789",
      APP_URL: "http://127.0.0.1:3999",
      SCHOOL_NAME: "Test School",
    },
  },
});
