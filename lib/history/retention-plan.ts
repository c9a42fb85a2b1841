// Where a prune cuts: by age, and by size when history.db outgrows its limit. Pure.

/** A size prune aims this far under the limit, so it does not run again at the next change. */
export const SIZE_TARGET = 0.7;

/** Age prunes wait until the oldest history is this much past the limit: not one per minute. */
export function ageCut(nowMs: number, days: number): { cutMs: number; slackMs: number } {
  const keepMs = days * 86_400_000;
  return { cutMs: nowMs - keepMs, slackMs: Math.min(3_600_000, keepMs / 10) };
}

/**
 * The time to prune before so that about `needBytes` are freed: dropping the oldest changes (and
 * the snapshots they lead up to) in order. The newest change's time when even all of them are
 * not enough (history then starts at the present state); null when there is no change to drop.
 */
export function sizeCut(
  changes: readonly { id: number; atMs: number; bytes: number }[],
  snapshots: readonly { afterChange: number; bytes: number }[],
  needBytes: number,
): number | null {
  let freed = 0;
  let s = 0;
  for (const c of changes) {
    freed += c.bytes;
    while (s < snapshots.length && (snapshots[s]?.afterChange ?? Infinity) <= c.id) {
      freed += snapshots[s]?.bytes ?? 0;
      s++;
    }
    if (freed >= needBytes) return c.atMs;
  }
  return changes.at(-1)?.atMs ?? null;
}
