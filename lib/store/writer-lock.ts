// One writer per data file: two Netlens servers given the same data directory (a second
// instance, a blue/green deploy) would otherwise interleave two engines' timelines in one
// history. The lock is an exclusive transaction held open on a small side file: SQLite's own
// file lock, which the kernel releases when the process dies, so a killed server leaves no stale
// lock behind (a pid file would).
// Without "server-only" on purpose: unit-tested under vitest; only server modules import it.
import Database from "libsql";

export type WriterLock = { release: () => void };

/** Take `path`'s lock, or null while another live connection (any process) holds it. */
export function takeWriterLock(path: string): WriterLock | null {
  const db = new Database(path);
  try {
    db.pragma("busy_timeout = 0");
    db.exec("BEGIN EXCLUSIVE");
  } catch (err) {
    db.close();
    if ((err as { code?: unknown }).code === "SQLITE_BUSY") return null;
    throw err;
  }
  return {
    release: () => {
      db.exec("ROLLBACK");
      db.close();
    },
  };
}
