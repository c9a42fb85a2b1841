import "server-only";
import { diffTopology, type TopologyPatch } from "@/lib/topology/patch";
import type { Topology } from "@/lib/topology/types";
import type { EngineStatus } from "@/lib/live/engine-source";
import { describeChange, engineIdOf } from "./change-record";
import { ageCut, SIZE_TARGET, sizeCut } from "./retention-plan";
import type { HistoryStore, SnapshotReason } from "./store";

/** A snapshot after this many changes or this long, whichever first: a moment is one snapshot + a bounded replay. */
export const SNAPSHOT_EVERY_CHANGES = 500;
export const SNAPSHOT_EVERY_MS = 3_600_000;
/** The live path only queues; the queue is written this long after its first entry, in one transaction. */
const FLUSH_AFTER_MS = 25;
/** How often "still running" is noted, so a later start knows when this run stopped. */
const ALIVE_EVERY_MS = 10_000;
const PRUNE_EVERY_MS = 60_000;

export type RecorderOptions = { days: number; maxBytes: number };

type Entry =
  | { kind: "start"; topology: Topology }
  | { kind: "change"; before: Topology; after: Topology; patch: TopologyPatch }
  | { kind: "snapshot"; topology: Topology; reason: SnapshotReason }
  | { kind: "gap-open"; engineId: string; from: string; message: string }
  | { kind: "gap-close"; engineId: string; untilMs: number };

/**
 * The live feed's flight recorder. The feed hands it every patch with the states on both sides
 * (references, no copy); the recorder describes and writes them later, off the publish call, one
 * transaction per batch — and notes engine-down periods, the period Netlens was not running, and
 * what changed meanwhile. Pruned in the background by age and size.
 */
export class HistoryRecorder {
  private queue: Entry[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly sessionStartMs = Date.now();
  private sessionBegun = false;
  private changesSinceSnapshot = 0;
  private lastSnapshotMs = 0;
  /** Engines with an engine-down gap open, as told by statuses(). */
  private down = new Set<string>();
  private failing = false;
  /** The floor alone is over the size limit: size prunes wait for the next periodic round. */
  private sizeStuck = false;
  private warnedStuck = false;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    readonly store: HistoryStore,
    private readonly options: RecorderOptions,
  ) {}

  /** Background work: noting "alive" and pruning. Not started by the benchmark's direct runs. */
  startTimers(): void {
    if (this.timers.length) return;
    this.timers = [
      setInterval(() => this.guard(() => this.noteAlive()), ALIVE_EVERY_MS),
      setInterval(() => this.guard(() => this.prune()), PRUNE_EVERY_MS),
    ];
    for (const t of this.timers) t.unref();
  }

  /** The feed's first topology: compared with the last one recorded, then snapshotted. */
  started(topology: Topology): void {
    this.enqueue({ kind: "start", topology });
  }

  /** A published patch (null: only the first engine's identity changed, which no patch carries). */
  changed(before: Topology, after: Topology, patch: TopologyPatch | null): void {
    if (patch) this.enqueue({ kind: "change", before, after, patch });
    else this.enqueue({ kind: "snapshot", topology: after, reason: "engine" });
  }

  /** Every engine's status, whenever one changed: opens and closes engine-down gaps. */
  statuses(list: { id: string; status: EngineStatus }[], topology: Topology | null): void {
    for (const { id, status } of list) {
      if (status.status === "down" && !this.down.has(id)) {
        this.down.add(id);
        this.enqueue({
          kind: "gap-open",
          engineId: id,
          from: status.since,
          message: status.message,
        });
      } else if (status.status === "up" && this.down.has(id)) {
        this.down.delete(id);
        this.enqueue({ kind: "gap-close", engineId: id, untilMs: Date.parse(status.since) });
        // Everything was re-listed: a fresh floor for what follows.
        if (topology) this.enqueue({ kind: "snapshot", topology, reason: "reconnect" });
      }
    }
  }

  /** Write what is queued now: before a read, so it sees every change published so far. */
  flushNow(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.guard(() => this.flush());
  }

  private enqueue(entry: Entry) {
    this.queue.push(entry);
    if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => this.flushNow(), FLUSH_AFTER_MS);
      this.flushTimer.unref();
    }
  }

  /** A failing disk must never break the live feed: said once, then retried on the next change. */
  private guard(work: () => void) {
    try {
      work();
      this.failing = false;
    } catch (err) {
      if (!this.failing) console.error("[netlens] history: could not write history.db", err);
      this.failing = true;
    }
  }

  private flush() {
    const entries = this.queue;
    this.queue = [];
    if (!entries.length && this.sessionBegun) return;
    this.store.transaction(() => {
      if (!this.sessionBegun) this.beginSession();
      for (const e of entries) this.write(e);
      this.store.setMeta("alive_ms", String(Date.now()));
    });
    if (!this.sizeStuck && this.store.sizeBytes() > this.options.maxBytes) this.pruneToSize();
  }

  /** An earlier run's end: its open gaps end when it was last alive, then Netlens was not running. */
  private beginSession() {
    this.sessionBegun = true;
    const alive = Number(this.store.meta("alive_ms") ?? NaN);
    if (Number.isNaN(alive) || this.store.oldestMs() === null) return;
    const from = Math.min(alive, this.sessionStartMs);
    this.store.closeGaps(from);
    this.store.openGap({
      from: new Date(from).toISOString(),
      until: new Date(this.sessionStartMs).toISOString(),
      engineId: null,
      reason: "not-running",
      message: null,
    });
  }

  private write(e: Entry) {
    switch (e.kind) {
      case "start": {
        const last = this.store.latestState();
        const patch = last && diffTopology(last, e.topology);
        if (last && patch) {
          const { summary, items } = describeChange(last, patch);
          this.store.insertChange({
            atMs: Date.parse(patch.generatedAt),
            engineId: engineIdOf(last, patch),
            offline: true,
            summary,
            items,
            patch,
          });
        }
        this.snapshot(e.topology, "start");
        return;
      }
      case "change": {
        const { summary, items } = describeChange(e.before, e.patch);
        const atMs = Date.parse(e.patch.generatedAt);
        this.store.insertChange({
          atMs,
          engineId: engineIdOf(e.before, e.patch),
          offline: false,
          summary,
          items,
          patch: e.patch,
        });
        this.changesSinceSnapshot++;
        if (
          this.changesSinceSnapshot >= SNAPSHOT_EVERY_CHANGES ||
          (this.lastSnapshotMs > 0 && atMs - this.lastSnapshotMs >= SNAPSHOT_EVERY_MS)
        ) {
          this.snapshot(e.after, "periodic");
        }
        return;
      }
      case "snapshot":
        return this.snapshot(e.topology, e.reason);
      case "gap-open":
        return this.store.openGap({
          from: e.from,
          engineId: e.engineId,
          reason: "engine-down",
          message: e.message,
        });
      case "gap-close":
        return this.store.closeGaps(e.untilMs, e.engineId);
    }
  }

  private snapshot(topology: Topology, reason: SnapshotReason) {
    const atMs = Date.parse(topology.generatedAt);
    this.store.insertSnapshot(atMs, this.store.lastChangeId(), reason, topology);
    this.changesSinceSnapshot = 0;
    this.lastSnapshotMs = atMs;
  }

  private noteAlive() {
    this.flush();
    this.store.setMeta("alive_ms", String(Date.now()));
  }

  /** By age (with some slack, so not every minute) and by size. */
  private prune() {
    this.flush();
    const oldest = this.store.oldestMs();
    const { cutMs, slackMs } = ageCut(Date.now(), this.options.days);
    if (oldest !== null && oldest < cutMs - slackMs) {
      this.store.pruneBefore(cutMs);
      this.store.compact();
    }
    this.sizeStuck = false;
    if (this.store.sizeBytes() > this.options.maxBytes) this.pruneToSize();
  }

  /** Drop the oldest history until the file is back under the limit (a few rounds at most). */
  private pruneToSize() {
    for (let round = 0; round < 3; round++) {
      const size = this.store.sizeBytes();
      if (size <= this.options.maxBytes) return;
      // Often it is only the write-ahead log that is over: emptying it may be enough.
      this.store.compact();
      const compacted = this.store.sizeBytes();
      if (compacted <= this.options.maxBytes) return;
      const { changes, snapshots } = this.store.sizes();
      const cut = sizeCut(changes, snapshots, compacted - this.options.maxBytes * SIZE_TARGET);
      if (cut === null || !this.store.pruneBefore(cut)) break;
      this.store.compact();
    }
    if (this.store.sizeBytes() <= this.options.maxBytes) return;
    this.sizeStuck = true;
    if (!this.warnedStuck) {
      this.warnedStuck = true;
      console.warn(
        `[netlens] history: history.db is still ${this.store.sizeBytes()} bytes after pruning, over NETLENS_HISTORY_MAX_MB (the present state alone may be larger)`,
      );
    }
  }
}
