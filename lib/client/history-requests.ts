// The history API's reads (docs/history.md), typed: a window of changes page by page (the
// cursor), or the latest ones before a moment, window after widening window, since the API
// answers oldest first.
import type { HistoryChange, HistoryExport, HistoryGap, HistoryPage } from "../history/types";
import { ApiError, fetchJson } from "./api-client";

/** The API's own maximum page. */
const PAGE_LIMIT = 1000;

export type HistoryWindow = {
  /** Oldest first. */
  changes: HistoryChange[];
  gaps: HistoryGap[];
  oldest: string | null;
  /** More changes were in the window than `cap`: those after the last one here were left out. */
  truncated: boolean;
};

const iso = (ms: number) => new Date(ms).toISOString();

export function historyUrl(query: {
  since?: number;
  until?: number;
  limit?: number;
  cursor?: string;
}): string {
  const params = new URLSearchParams();
  if (query.since !== undefined) params.set("since", iso(query.since));
  if (query.until !== undefined) params.set("until", iso(query.until));
  if (query.limit !== undefined) params.set("limit", String(query.limit));
  if (query.cursor) params.set("cursor", query.cursor);
  return `/api/history?${params}`;
}

/**
 * Every change in (since, until], following the cursor, up to `cap` of them. A `since` before the
 * oldest retained moment (the API's 410) reads from the oldest instead; a window that ends before
 * it (a page that asked up to its own clock just before the server began recording) holds nothing.
 */
export async function fetchHistoryWindow(
  window: { since?: number; until?: number },
  cap: number,
): Promise<HistoryWindow> {
  try {
    return await readWindow(window, cap);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 410) throw error;
    if (window.since === undefined)
      return { changes: [], gaps: [], oldest: null, truncated: false };
    return fetchHistoryWindow({ until: window.until }, cap);
  }
}

async function readWindow(
  window: { since?: number; until?: number },
  cap: number,
): Promise<HistoryWindow> {
  const changes: HistoryChange[] = [];
  let cursor: string | undefined;
  let page: HistoryPage;
  do {
    const limit = Math.min(PAGE_LIMIT, cap - changes.length);
    page = await fetchJson<HistoryPage>(historyUrl({ ...window, limit, cursor }));
    changes.push(...page.changes);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && changes.length < cap);
  return { changes, gaps: page.gaps, oldest: page.oldest, truncated: cursor !== undefined };
}

/** The first window looked at before a moment; each next one reaches four times as far. */
const FIRST_SPAN_MS = 15 * 60_000;

export type EarlierChanges = {
  /** Oldest first, all before `until`. */
  changes: HistoryChange[];
  gaps: HistoryGap[];
  oldest: string | null;
  /** Where the search stopped: ask again from here for still earlier ones. */
  from: number;
  /** Nothing older is retained. */
  exhausted: boolean;
};

/**
 * At least `want` of the changes just before `until` (fewer when history holds fewer), no
 * further back than `floor`: windows of widening span, each read whole (up to `cap`).
 */
export async function fetchChangesBefore(
  until: number,
  options: { want: number; cap: number; floor?: number },
): Promise<EarlierChanges> {
  let end = until;
  let span = FIRST_SPAN_MS;
  let oldest: string | null = null;
  const chunks: HistoryChange[][] = [];
  const gaps: HistoryGap[] = [];
  let count = 0;
  for (;;) {
    const oldestMs = oldest === null ? -Infinity : Date.parse(oldest);
    const floor = Math.max(options.floor ?? -Infinity, oldestMs);
    const since = Math.max(end - span, floor);
    const found = await fetchHistoryWindow(
      { since: Number.isFinite(since) ? since : undefined, until: end },
      options.cap - count,
    );
    oldest = found.oldest;
    chunks.unshift(found.changes);
    gaps.push(...found.gaps.filter((g) => !gaps.some((known) => sameGap(known, g))));
    count += found.changes.length;
    const reachedFloor =
      !Number.isFinite(since) ||
      oldest === null ||
      since <= Math.max(options.floor ?? -Infinity, Date.parse(oldest));
    end = since;
    if (reachedFloor || count >= options.want || count >= options.cap) {
      gaps.sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
      return { changes: chunks.flat(), gaps, oldest, from: end, exhausted: reachedFloor };
    }
    span *= 4;
  }
}

export function sameGap(a: HistoryGap, b: HistoryGap): boolean {
  return a.from === b.from && a.reason === b.reason && a.engineId === b.engineId;
}

/** GET /api/history/export: the window's file (its snapshot at `since`, the changes to `until`). */
export function fetchHistoryExport(since: number, until: number): Promise<HistoryExport> {
  const query = new URLSearchParams({ since: iso(since), until: iso(until) });
  return fetchJson<HistoryExport>(`/api/history/export?${query}`);
}
