import "server-only";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { env } from "@/lib/env";
import { takeWriterLock, type WriterLock } from "@/lib/store/writer-lock";
import { HistoryRecorder } from "./recorder";
import { HistoryStore } from "./store";

// Its own module so the feed (which feeds it) and the routes (which read it) share one recorder
// without importing each other.

const RECORDER = Symbol.for("netlens.historyRecorder");
const WRITER_LOCK = Symbol.for("netlens.historyWriterLock");
type WithRecorder = typeof globalThis & {
  [RECORDER]?: HistoryRecorder | null;
  [WRITER_LOCK]?: WriterLock | null;
};

/** True when history is not recorded because another server holds this data directory's lock. */
export const historyHeldElsewhere = () => (globalThis as WithRecorder)[WRITER_LOCK] === null;

/**
 * The process-wide recorder (on globalThis, as the feed: each route is bundled on its own); null
 * with NETLENS_HISTORY=off, when history.db cannot be opened or while another server records
 * in the same data directory (said once in the log).
 */
export function historyRecorder(): HistoryRecorder | null {
  const g = globalThis as WithRecorder;
  if (g[RECORDER] !== undefined) return g[RECORDER];
  g[RECORDER] = null;
  if (env.NETLENS_HISTORY === "off") return null;
  try {
    mkdirSync(env.NETLENS_DATA_DIR, { recursive: true, mode: 0o700 });
    // Held for the process's life (kept reachable: a collected connection would let it go).
    g[WRITER_LOCK] = takeWriterLock(join(env.NETLENS_DATA_DIR, "history.lock"));
    // Null (not undefined) only when another server holds it: see historyHeldElsewhere().
    if (!g[WRITER_LOCK]) {
      console.error(
        `[netlens] history: another Netlens server records in ${env.NETLENS_DATA_DIR}; this one ` +
          "records nothing (give each server its own NETLENS_DATA_DIR).",
      );
      return null;
    }
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
