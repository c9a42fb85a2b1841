// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // dockerode pulls in native/optional modules (ssh2, cpu-features) that must not be bundled.
  serverExternalPackages: ["dockerode", "docker-modem", "ssh2", "cpu-features"],
  poweredByHeader: false,
  reactStrictMode: true,
};

module.exports = nextConfig;
