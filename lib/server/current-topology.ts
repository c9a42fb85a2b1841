import "server-only";
import { engines } from "@/lib/docker/client";
import { readEngineSnapshot, type SnapshotStats } from "@/lib/docker/snapshot";
import { engineFeed } from "@/lib/live/engine-feed";
import { buildCluster, type EnginePart } from "@/lib/topology/build-cluster";
import type { Topology } from "@/lib/topology/types";

/**
 * The engines' topology: from the live feed's memory while it follows them (no Engine call),
 * read afresh while it does not (down, reconnecting, not yet started) — or when memory lacks what
 * the caller knows exists (`has`: e.g. a network the engine just confirmed, whose event may still
 * be on its way).
 */
export async function currentTopology(has?: (topology: Topology) => boolean) {
  const started = performance.now();
  const feed = engineFeed();
  await feed.start();
  const live = await feed.settled();
  if (live && (!has || has(live.topology))) {
    const ms = performance.now() - started;
    return {
      ...live,
      stats: { engineCalls: 0, inspects: 0, engineMs: 0, buildMs: ms },
    };
  }
  return readTopology(started);
}

/** The engines' topology read afresh, whatever the live feed holds. */
export async function readTopology(started = performance.now()) {
  const { parts, stats } = await readAllEngines();
  const read = performance.now();
  const topology = buildCluster(parts);
  const timing = { engineMs: read - started, buildMs: performance.now() - read };
  return { topology, json: () => JSON.stringify(topology), stats: { ...stats, ...timing } };
}

/** Every engine read at once; one that fails is a down part, unless all fail (then that error). */
async function readAllEngines(): Promise<{ parts: EnginePart[]; stats: SnapshotStats }> {
  const results = await Promise.allSettled(engines.map((e) => readEngineSnapshot(e.id)));
  const stats: SnapshotStats = { engineCalls: 0, inspects: 0 };
  const parts = results.map((r, i): EnginePart => {
    const id = engines[i]?.id ?? "";
    if (r.status === "rejected") {
      const message = r.reason instanceof Error ? r.reason.message : String(r.reason);
      return { id, status: "down", message, snapshot: null };
    }
    stats.engineCalls += r.value.stats.engineCalls;
    stats.inspects += r.value.stats.inspects;
    return { id, status: "up", message: null, snapshot: r.value.snapshot };
  });
  const failed = results.find((r) => r.status === "rejected");
  if (failed && results.every((r) => r.status === "rejected")) throw failed.reason;
  return { parts, stats };
}
