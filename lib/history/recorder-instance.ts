import "server-only";
import { join } from "node:path";
import { env } from "@/lib/env";
import { HistoryRecorder } from "./recorder";
import { HistoryStore } from "./store";

// Its own module so the feed (which feeds it) and the routes (which read it) share one recorder
// without importing each other.

const RECORDER = Symbol.for("netlens.historyRecorder");
type WithRecorder = typeof globalThis & { [RECORDER]?: HistoryRecorder | null };

/**
 * The process-wide recorder (on globalThis, as the feed: each route is bundled on its own); null
 * with NETLENS_HISTORY=off or when history.db cannot be opened (said once in the log).
 */
export function historyRecorder(): HistoryRecorder | null {
  const g = globalThis as WithRecorder;
  if (g[RECORDER] !== undefined) return g[RECORDER];
  g[RECORDER] = null;
  if (env.NETLENS_HISTORY === "off") return null;
  try {
    const store = new HistoryStore(join(env.NETLENS_DATA_DIR, "history.db"));
    const recorder = new HistoryRecorder(store, {
      days: env.NETLENS_HISTORY_DAYS,
      maxBytes: env.NETLENS_HISTORY_MAX_MB * 1024 * 1024,
    });
    recorder.startTimers();
    g[RECORDER] = recorder;
  } catch (err) {
    console.error("[netlens] history: could not open history.db; nothing is recorded", err);
  }
  return g[RECORDER];
}
