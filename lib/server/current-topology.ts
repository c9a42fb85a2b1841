import "server-only";
import { readEngineSnapshot } from "@/lib/docker/snapshot";
import { engineFeed } from "@/lib/live/engine-feed";
import { buildTopology } from "@/lib/topology/build-topology";
import type { Topology } from "@/lib/topology/types";

/**
 * The engine's topology: from the live feed's memory while it follows the engine (no Engine call),
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
  const { snapshot, stats } = await readEngineSnapshot();
  const read = performance.now();
  const topology = buildTopology(snapshot);
  const timing = { engineMs: read - started, buildMs: performance.now() - read };
  return { topology, json: () => JSON.stringify(topology), stats: { ...stats, ...timing } };
}
