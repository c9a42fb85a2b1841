"use client";

import { useSyncExternalStore } from "react";

/** How often the clock moves on: where the timeline ends, and whether a moment is "today". */
const TICK_MS = 5000;

let now = 0;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) clearInterval(timer);
  };
}

/**
 * The time now (epoch ms), moving on every few seconds: what history's moments are worded against
 * ("14:02:03" today, with the date otherwise) and where the timeline ends. Null while the page is
 * rendered on the server and hydrated: the server's clock and time zone are not the browser's.
 */
export function useHistoryClock(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => now || null,
    () => null,
  );
}
