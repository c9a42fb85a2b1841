import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { deflateSync, inflateSync } from "node:zlib";
import type Database from "libsql";
import { HISTORY_STORE } from "@/lib/store/history-schema";
import { openStore } from "@/lib/store/sqlite-store";
import type { ActivityItem } from "@/lib/topology/describe-patch";
import type { TopologyPatch } from "@/lib/topology/patch";
import type { Topology } from "@/lib/topology/types";
import { replay } from "./replay";
import type { HistoryChange, HistoryGap } from "./types";

// history.db in the data directory: every patch of the live feed (deflated JSON), snapshots that
// bound how many patches rebuilding a moment takes, and the gaps. libsql, as the audit log: sync
// calls, so the recorder runs them off the live path, batched in one transaction per flush.

export type SnapshotReason = "start" | "reconnect" | "periodic" | "engine" | "floor";

export type NewChange = {
  atMs: number;
  engineId: string | null;
  offline: boolean;
  summary: string;
  items: ActivityItem[];
  patch: TopologyPatch;
};

type ChangeRow = {
  id: number;
  at_ms: number;
  engine_id: string | null;
  offline: number;
  summary: string;
  items: Uint8Array;
  patch: Uint8Array;
};
type SnapshotRow = { id: number; at_ms: number; after_change: number; body: Uint8Array };
type GapRow = {
  id: number;
  from_ms: number;
  until_ms: number | null;
  engine_id: string | null;
  reason: HistoryGap["reason"];
  message: string | null;
};

const pack = (value: unknown) => deflateSync(JSON.stringify(value));
const unpack = <T>(blob: Uint8Array) => JSON.parse(inflateSync(blob).toString()) as T;
const iso = (ms: number) => new Date(ms).toISOString();

/** Snapshots kept parsed: dragging a timeline asks for many moments after the same snapshot. */
const PARSED_SNAPSHOTS = 4;

export class HistoryStore {
  private readonly db: Database.Database;
  private parsed = new Map<number, Topology>();

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    this.db = openStore(file, HISTORY_STORE, (db) => {
      // Set before the first table exists: lets a prune give pages back to the file system.
      db.pragma("auto_vacuum = INCREMENTAL");
      db.pragma("journal_mode = WAL");
      // WAL + NORMAL: a commit does not wait for the disk (a crash may lose the last flush, never
      // corrupt the file); the recorder's writes stay short.
      db.pragma("synchronous = NORMAL");
    });
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS changes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at_ms INTEGER NOT NULL,
        engine_id TEXT,
        offline INTEGER NOT NULL DEFAULT 0,
        summary TEXT NOT NULL,
        items BLOB NOT NULL,
        patch BLOB NOT NULL
      );
      CREATE INDEX IF NOT EXISTS changes_at ON changes (at_ms);
      CREATE TABLE IF NOT EXISTS snapshots (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at_ms INTEGER NOT NULL,
        after_change INTEGER NOT NULL,
        reason TEXT NOT NULL,
        body BLOB NOT NULL
      );
      CREATE INDEX IF NOT EXISTS snapshots_at ON snapshots (at_ms);
      CREATE TABLE IF NOT EXISTS gaps (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        from_ms INTEGER NOT NULL,
        until_ms INTEGER,
        engine_id TEXT,
        reason TEXT NOT NULL,
        message TEXT
      );
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
  }

  close(): void {
    this.db.close();
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  meta(key: string): string | null {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      )
      .run(key, value);
  }

  /** The key cursors are signed with: made once, kept, so cursors outlive a restart. */
  cursorKey(): string {
    let key = this.meta("cursor_key");
    if (!key) {
      key = randomBytes(32).toString("base64url");
      this.setMeta("cursor_key", key);
    }
    return key;
  }

  insertChange(c: NewChange): number {
    const info = this.db
      .prepare(
        "INSERT INTO changes (at_ms, engine_id, offline, summary, items, patch) VALUES (?, ?, ?, ?, ?, ?)",
      )
      .run(c.atMs, c.engineId, c.offline ? 1 : 0, c.summary, pack(c.items), pack(c.patch));
    return Number(info.lastInsertRowid);
  }

  insertSnapshot(atMs: number, afterChange: number, reason: SnapshotReason, t: Topology): void {
    this.db
      .prepare("INSERT INTO snapshots (at_ms, after_change, reason, body) VALUES (?, ?, ?, ?)")
      .run(atMs, afterChange, reason, pack(t));
  }

  openGap(g: Omit<HistoryGap, "until"> & { until?: string | null }): void {
    this.db
      .prepare(
        "INSERT INTO gaps (from_ms, until_ms, engine_id, reason, message) VALUES (?, ?, ?, ?, ?)",
      )
      .run(
        Date.parse(g.from),
        g.until ? Date.parse(g.until) : null,
        g.engineId,
        g.reason,
        g.message,
      );
  }

  /** Close the open gap of `engineId` (every open gap when undefined) at `untilMs`. */
  closeGaps(untilMs: number, engineId?: string): void {
    if (engineId === undefined) {
      this.db.prepare("UPDATE gaps SET until_ms = ? WHERE until_ms IS NULL").run(untilMs);
    } else {
      this.db
        .prepare("UPDATE gaps SET until_ms = ? WHERE until_ms IS NULL AND engine_id = ?")
        .run(untilMs, engineId);
    }
  }

  /** The newest change's id (0 when there is none), so a snapshot can say what it follows. */
  lastChangeId(): number {
    const row = this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'changes'").get() as
      { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  /** How far back history goes: its oldest snapshot. */
  oldestMs(): number | null {
    const row = this.db.prepare("SELECT MIN(at_ms) AS at FROM snapshots").get() as {
      at: number | null;
    };
    return row.at;
  }

  /** The topology as recorded at `ms`; null when that is before the oldest snapshot. */
  stateAt(ms: number): Topology | null {
    const snap = this.db
      .prepare(
        "SELECT id, after_change FROM snapshots WHERE at_ms <= ? ORDER BY after_change DESC, id DESC LIMIT 1",
      )
      .get(ms) as Pick<SnapshotRow, "id" | "after_change"> | undefined;
    if (!snap) return null;
    const patches = (
      this.db
        .prepare("SELECT patch FROM changes WHERE id > ? AND at_ms <= ? ORDER BY id")
        .all(snap.after_change, ms) as Pick<ChangeRow, "patch">[]
    ).map((r) => unpack<TopologyPatch>(r.patch));
    return replay(this.parsedSnapshot(snap.id), patches);
  }

  private parsedSnapshot(id: number): Topology {
    let topology = this.parsed.get(id);
    if (!topology) {
      const row = this.db.prepare("SELECT body FROM snapshots WHERE id = ?").get(id) as Pick<
        SnapshotRow,
        "body"
      >;
      topology = unpack<Topology>(row.body);
      if (this.parsed.size >= PARSED_SNAPSHOTS) {
        const oldest = this.parsed.keys().next().value;
        if (oldest !== undefined) this.parsed.delete(oldest);
      }
      this.parsed.set(id, topology);
    }
    return topology;
  }

  /** The last state recorded; null when nothing is. */
  latestState(): Topology | null {
    return this.stateAt(Number.MAX_SAFE_INTEGER);
  }

  /**
   * Changes with sinceMs < at ≤ untilMs, `limit` of them: oldest first after `afterId` ("asc"),
   * or newest first before it ("desc"; 0 starts from the newest).
   */
  changes(q: {
    order: "asc" | "desc";
    afterId: number;
    sinceMs: number;
    untilMs: number;
    limit: number;
  }): HistoryChange[] {
    const sql =
      q.order === "asc"
        ? "SELECT * FROM changes WHERE id > ? AND at_ms > ? AND at_ms <= ? ORDER BY id LIMIT ?"
        : "SELECT * FROM changes WHERE id < ? AND at_ms > ? AND at_ms <= ? ORDER BY id DESC LIMIT ?";
    const from = q.order === "desc" && q.afterId === 0 ? Number.MAX_SAFE_INTEGER : q.afterId;
    const rows = this.db.prepare(sql).all(from, q.sinceMs, q.untilMs, q.limit) as ChangeRow[];
    return rows.map((r) => {
      const change: HistoryChange = {
        id: r.id,
        at: iso(r.at_ms),
        engineId: r.engine_id,
        summary: r.summary,
        items: unpack<ActivityItem[]>(r.items),
        patch: unpack<TopologyPatch>(r.patch),
      };
      if (r.offline) change.offline = true;
      return change;
    });
  }

  countChanges(sinceMs: number, untilMs: number): number {
    const row = this.db
      .prepare("SELECT COUNT(*) AS n FROM changes WHERE at_ms > ? AND at_ms <= ?")
      .get(sinceMs, untilMs) as { n: number };
    return row.n;
  }

  /** Gaps overlapping [sinceMs, untilMs], oldest first. */
  gaps(sinceMs: number, untilMs: number): HistoryGap[] {
    const rows = this.db
      .prepare(
        "SELECT * FROM gaps WHERE from_ms <= ? AND (until_ms IS NULL OR until_ms >= ?) ORDER BY from_ms, id",
      )
      .all(untilMs, sinceMs) as GapRow[];
    return rows.map((g) => ({
      from: iso(g.from_ms),
      until: g.until_ms === null ? null : iso(g.until_ms),
      engineId: g.engine_id,
      reason: g.reason,
      message: g.message,
    }));
  }

  /** The engines with an engine-down gap still open. */
  openEngineGaps(): Set<string> {
    const rows = this.db
      .prepare(
        "SELECT engine_id FROM gaps WHERE until_ms IS NULL AND reason = 'engine-down' AND engine_id IS NOT NULL",
      )
      .all() as { engine_id: string }[];
    return new Set(rows.map((r) => r.engine_id));
  }

  /** Bytes on disk: the database and its write-ahead log. */
  sizeBytes(): number {
    const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
    return size(this.file) + size(`${this.file}-wal`);
  }

  /** What each change and snapshot takes, oldest first, for choosing where a size prune cuts. */
  sizes(): {
    changes: { id: number; atMs: number; bytes: number }[];
    snapshots: { afterChange: number; bytes: number }[];
  } {
    const changes = this.db
      .prepare(
        "SELECT id, at_ms AS atMs, length(patch) + length(items) + length(summary) + 32 AS bytes FROM changes ORDER BY id",
      )
      .all() as { id: number; atMs: number; bytes: number }[];
    const snapshots = this.db
      .prepare(
        "SELECT after_change AS afterChange, length(body) + 32 AS bytes FROM snapshots ORDER BY after_change, id",
      )
      .all() as { afterChange: number; bytes: number }[];
    return { changes, snapshots };
  }

  /**
   * Forget everything before `cutMs`, keeping the state at `cutMs` as the new oldest snapshot
   * (the floor). False when history does not reach back that far.
   */
  pruneBefore(cutMs: number): boolean {
    const snap = this.db
      .prepare(
        "SELECT id, at_ms, after_change FROM snapshots WHERE at_ms <= ? ORDER BY after_change DESC, id DESC LIMIT 1",
      )
      .get(cutMs) as Omit<SnapshotRow, "body"> | undefined;
    if (!snap) return false;
    const { last } = this.db
      .prepare("SELECT MAX(id) AS last FROM changes WHERE id > ? AND at_ms <= ?")
      .get(snap.after_change, cutMs) as { last: number | null };
    const floorState = last === null ? null : this.stateAt(cutMs);
    this.transaction(() => {
      let floorId = snap.id;
      if (floorState && last !== null) {
        const info = this.db
          .prepare(
            "INSERT INTO snapshots (at_ms, after_change, reason, body) VALUES (?, ?, 'floor', ?)",
          )
          .run(cutMs, last, pack(floorState));
        floorId = Number(info.lastInsertRowid);
      } else {
        // Nothing happened between that snapshot and the cut: it is the state at the cut.
        this.db.prepare("UPDATE snapshots SET at_ms = ? WHERE id = ?").run(cutMs, snap.id);
      }
      this.db.prepare("DELETE FROM snapshots WHERE at_ms <= ? AND id != ?").run(cutMs, floorId);
      this.db.prepare("DELETE FROM changes WHERE id <= ?").run(last ?? snap.after_change);
      this.db.prepare("DELETE FROM gaps WHERE until_ms IS NOT NULL AND until_ms <= ?").run(cutMs);
      this.db.prepare("UPDATE gaps SET from_ms = ? WHERE from_ms < ?").run(cutMs, cutMs);
    });
    return true;
  }

  /** Give freed pages back to the file system and empty the write-ahead log. */
  compact(): void {
    this.db.pragma("incremental_vacuum");
    this.db.pragma("wal_checkpoint(TRUNCATE)");
  }
}
