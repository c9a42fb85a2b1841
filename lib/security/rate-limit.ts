/** A token bucket: `perMinute` on average, up to `perMinute` at once after a quiet minute. */
export function createRateLimiter(perMinute: number, now: () => number = Date.now) {
  let tokens = perMinute;
  let last = now();
  return {
    /** Take one token; false when the bucket is empty. */
    take(): boolean {
      const t = now();
      tokens = Math.min(perMinute, tokens + ((t - last) / 60_000) * perMinute);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
