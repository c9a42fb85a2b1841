// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // The container image (Dockerfile) runs the standalone server; `next start` is unchanged.
  output: process.env.NETLENS_STANDALONE === "1" ? "standalone" : undefined,
  // dockerode pulls in native/optional modules (ssh2, cpu-features) that must not be bundled.
  serverExternalPackages: ["dockerode", "docker-modem", "ssh2", "cpu-features", "libsql"],
  poweredByHeader: false,
  // Static assets and the API skip the proxy (proxy.ts), which sets these and the CSP on pages.
  async headers() {
    const headers = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "no-referrer" },
    ];
    return [
      { source: "/_next/static/:path*", headers },
      {
        source: "/api/:path*",
        headers: [...headers, { key: "X-Frame-Options", value: "SAMEORIGIN" }],
      },
    ];
  },
  reactStrictMode: true,
  // `npm run dev` serves on 127.0.0.1 (the README's default): let its pages reach the dev server.
  allowedDevOrigins: ["127.0.0.1"],
};

module.exports = nextConfig;
