// Debian's Chromium, as the tests and the benchmark launch it. The machine has no outside
// network: these flags keep Chromium from trying to reach it.
export const CHROMIUM_LAUNCH_OPTIONS = {
  executablePath: process.env.NETLENS_CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};
