import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),
  {
    rules: {
      // Route handlers take (req, ctx) in that order even where only ctx is used.
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_" }],
      // dockerode is the vendor boundary: only lib/docker/ may import it.
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "dockerode", message: "Import dockerode only inside lib/docker/." }] },
      ],
    },
  },
  {
    files: ["lib/docker/**"],
    rules: { "no-restricted-imports": "off" },
  },
]);
