import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit tests of pure code only; integration and e2e tests run under Playwright against a real engine.
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: { include: ["lib/**/*.test.ts", "components/**/*.test.ts"], environment: "node" },
});
