import "server-only";
import { ApiError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { engineFeed } from "@/lib/live/engine-feed";
import type { Topology } from "@/lib/topology/types";
import { decodeCursor, encodeCursor } from "./cursor";
import { exportFileName } from "./export-file";
import {
  atParam,
  DEFAULT_LIMIT,
  diffQuerySchema,
  exportQuerySchema,
  historyQuerySchema,
} from "./params";
import { historyHeldElsewhere, historyRecorder } from "./recorder-instance";
import type { HistoryStore } from "./store";
import { diffTopologies } from "./topology-diff";
import {
  HISTORY_EXPORT_FORMAT,
  HISTORY_EXPORT_VERSION,
  type HistoryExport,
  type HistoryPage,
  type TopologyDiff,
} from "./types";

// What the history routes answer: each checks its query, makes sure recording runs and what the
// feed published is written, then reads history.db.

/** More changes than this in one export: narrow the window (the file is built in memory). */
export const EXPORT_MAX_CHANGES = 50_000;

/** The store, with everything the feed has published so far written to it. */
async function readyStore(): Promise<HistoryStore> {
  // Recording starts with the feed: a server nobody has asked yet starts it here.
  await engineFeed().start();
  const recorder = historyRecorder();
  if (!recorder) {
    throw new ApiError(
      "not_found",
      env.NETLENS_HISTORY === "off"
        ? "History is off (NETLENS_HISTORY=off)."
        : historyHeldElsewhere()
          ? `History is not recorded by this server: another Netlens server records in its data directory (${env.NETLENS_DATA_DIR}). Give each server its own NETLENS_DATA_DIR.`
          : "History is not recorded: history.db could not be opened (the server log says why).",
    );
  }
  recorder.flushNow();
  return recorder.store;
}

/** 410 for a moment before the oldest retained history. */
function before(store: HistoryStore, ms: number, name: string): never {
  const oldest = store.oldestMs();
  throw new ApiError(
    "gone",
    oldest === null
      ? `${name}: nothing is recorded yet.`
      : `${name}: ${new Date(ms).toISOString()} is before the retained history, which goes back to ${new Date(oldest).toISOString()}.`,
  );
}

function stateAt(store: HistoryStore, ms: number, name: string): Topology {
  return store.stateAt(ms) ?? before(store, ms, name);
}

/** The window [since, until] of a query, `since` defaulting to the oldest history. */
function windowOf(store: HistoryStore, q: { since?: number; until?: number }) {
  const untilMs = q.until ?? Date.now();
  const oldest = store.oldestMs();
  const sinceMs = q.since ?? oldest ?? untilMs;
  for (const name of ["since", "until"] as const) {
    const ms = q[name];
    if (ms !== undefined && (oldest === null || ms < oldest)) before(store, ms, name);
  }
  return { sinceMs, untilMs };
}

/**
 * GET /api/topology?at= : the topology as recorded at that moment, in currentTopology's shape
 * (no Engine call; the rebuild's time as `buildMs`).
 */
export async function topologyAt(at: string) {
  const ms = atParam(at);
  const started = performance.now();
  const topology = stateAt(await readyStore(), ms, "at");
  const stats = { engineCalls: 0, inspects: 0, engineMs: 0, buildMs: performance.now() - started };
  return { topology, json: () => JSON.stringify(topology), stats, at: new Date(ms) };
}

/** GET /api/history */
export async function historyPage(query: Record<string, string>): Promise<HistoryPage> {
  const q = historyQuerySchema().parse(query);
  const store = await readyStore();
  const key = store.cursorKey();
  const order = q.order ?? "asc";
  let afterId = 0;
  if (q.cursor !== undefined) {
    const cursor = decodeCursor(q.cursor, key);
    if (cursor === null) throw new ApiError("bad_request", "cursor: not one this server gave out.");
    if (cursor.order !== order) {
      throw new ApiError(
        "bad_request",
        `cursor: it continues order=${cursor.order}, not ${order}.`,
      );
    }
    afterId = cursor.lastId;
  }
  const { sinceMs, untilMs } = windowOf(store, q);
  const limit = q.limit ?? DEFAULT_LIMIT;
  // One more than asked: whether there is a next page, without counting.
  const rows = store.changes({ order, afterId, sinceMs, untilMs, limit: limit + 1 });
  const changes = rows.slice(0, limit);
  const last = changes.at(-1);
  const oldest = store.oldestMs();
  return {
    changes,
    nextCursor: rows.length > limit && last ? encodeCursor({ order, lastId: last.id }, key) : null,
    gaps: store.gaps(sinceMs, untilMs),
    oldest: oldest === null ? null : new Date(oldest).toISOString(),
  };
}

/** GET /api/topology/diff */
export async function topologyDiff(query: Record<string, string>): Promise<TopologyDiff> {
  const q = diffQuerySchema().parse(query);
  const store = await readyStore();
  return diffTopologies(stateAt(store, q.from, "from"), stateAt(store, q.to, "to"));
}

/** GET /api/history/export: the file and its name. */
export async function historyExport(
  query: Record<string, string>,
): Promise<{ file: HistoryExport; fileName: string }> {
  const q = exportQuerySchema().parse(query);
  const store = await readyStore();
  const { sinceMs, untilMs } = windowOf(store, q);
  const count = store.countChanges(sinceMs, untilMs);
  if (count > EXPORT_MAX_CHANGES) {
    throw new ApiError(
      "bad_request",
      `since/until: the window holds ${count} changes, more than the ${EXPORT_MAX_CHANGES} an export takes; narrow it.`,
    );
  }
  const file: HistoryExport = {
    format: HISTORY_EXPORT_FORMAT,
    version: HISTORY_EXPORT_VERSION,
    from: new Date(sinceMs).toISOString(),
    until: new Date(untilMs).toISOString(),
    exportedAt: new Date().toISOString(),
    snapshot: stateAt(store, sinceMs, "since"),
    changes: store.changes({
      order: "asc",
      afterId: 0,
      sinceMs,
      untilMs,
      limit: EXPORT_MAX_CHANGES,
    }),
    gaps: store.gaps(sinceMs, untilMs),
  };
  return { file, fileName: exportFileName(file) };
}
