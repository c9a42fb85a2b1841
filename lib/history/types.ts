// The wire types of the history API (/api/history, /api/topology?at=, /api/topology/diff,
// /api/history/export). A published contract like lib/topology/types.ts: add fields, never rename.
import type { ActivityItem } from "@/lib/topology/describe-patch";
import type { EntityKind, TopologyPatch } from "@/lib/topology/patch";
import type { Topology } from "@/lib/topology/types";

export type { EntityKind };

/** One recorded patch of the live feed. */
export type HistoryChange = {
  /** Increasing with time; stable for the life of the record (a key for lists). */
  id: number;
  /** ISO-8601: when the server saw the change (the patch's generatedAt). */
  at: string;
  /**
   * The engine the change came from: the one engine whose entities the patch touches; null when
   * it touches several (or only swarm-scope things, or the change found at start).
   */
  engineId: string | null;
  /** The change in plain words, as in the activity feed (its lines joined with "; "). */
  summary: string;
  /** The activity feed's lines for the change (`summary` is their text). */
  items: ActivityItem[];
  patch: TopologyPatch;
  /** Present (true) on the change found at start: it happened while Netlens was not running. */
  offline?: true;
};

/** A period history knows nothing about: shade it on a timeline. */
export type HistoryGap = {
  /** ISO-8601. */
  from: string;
  /** ISO-8601; null while still going on (the engine is down now). */
  until: string | null;
  /** The engine that was down; null for "not-running" (Netlens itself was off). */
  engineId: string | null;
  reason: "engine-down" | "not-running";
  /** Why, in the engine's or the system's words (engine-down); null otherwise. */
  message: string | null;
};

/** GET /api/history */
export type HistoryPage = {
  /** In time order: oldest first, or newest first with `order=desc`. */
  changes: HistoryChange[];
  /** Pass as `cursor` (same since/until/order) for the next page; null when this is the last. */
  nextCursor: string | null;
  /** Gaps overlapping [since, until], in time order. */
  gaps: HistoryGap[];
  /** How far back history goes (ISO-8601); null while nothing is recorded yet. */
  oldest: string | null;
};

/** One entity present at both moments whose JSON differs, field by field: [old, new]. */
export type ChangedEntity = {
  kind: EntityKind;
  id: string;
  fields: Record<string, [unknown, unknown]>;
};

/** GET /api/topology/diff?from=&to= : what differs between two moments (kinds with none left out). */
export type TopologyDiff = {
  added: Partial<Record<EntityKind, string[]>>;
  removed: Partial<Record<EntityKind, string[]>>;
  changed: ChangedEntity[];
};

export const HISTORY_EXPORT_FORMAT = "netlens-history";
export const HISTORY_EXPORT_VERSION = 1;

/** GET /api/history/export: a time window, self-contained, to attach to an incident report. */
export type HistoryExport = {
  format: typeof HISTORY_EXPORT_FORMAT;
  version: typeof HISTORY_EXPORT_VERSION;
  /** ISO-8601: the window; `snapshot` is the topology at `from`. */
  from: string;
  until: string;
  /** ISO-8601: when the file was made. */
  exportedAt: string;
  snapshot: Topology;
  /** Every change in (from, until], in time order; applying them in turn to `snapshot` gives `until`. */
  changes: HistoryChange[];
  gaps: HistoryGap[];
};
