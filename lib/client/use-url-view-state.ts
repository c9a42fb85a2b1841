"use client";

import { useCallback, useEffect, useRef } from "react";
import {
  decodeViewState,
  isNavigation,
  viewStateSearch,
  type MapView,
  type ViewState,
} from "./view-state";

/** Typing and zooming rewrite the address bar once they pause, not on every key or frame. */
const REPLACE_DELAY_MS = 300;

type Options = {
  /** What the page shows now, apart from the map's view (reported through the returned callback). */
  state: Omit<ViewState, "view">;
  /** The view the page opened with (the link's). */
  initialView: MapView | null;
  /**
   * Whether `state` is settled enough to write: until the topology arrives, a link's selection
   * cannot be checked, and the address bar keeps the link as it was.
   */
  ready: boolean;
  /**
   * Back or forward: show this history entry's state, and return what is shown (without what no
   * longer exists) so that dropping it is not taken for a new step.
   */
  onPopState(state: ViewState): ViewState;
};

/**
 * Keeps the address bar a link to what the page shows: a new selection or focus is a new history
 * entry (back and forward walk through them), anything else — search, filters, zoom and pan —
 * rewrites the current entry. Plain `window.history`: Next's App Router follows it without
 * refetching or remounting anything. Returns the map's `onViewChange`.
 */
export function useUrlViewState({
  state,
  initialView,
  ready,
  onPopState,
}: Options): (view: MapView | null) => void {
  /** What the current history entry says; null until the first write. */
  const written = useRef<ViewState | null>(null);
  const latest = useRef({ state, ready, onPopState });
  const view = useRef(initialView);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    latest.current = { state, ready, onPopState };
  });

  const write = useCallback((mode: "push" | "replace") => {
    clearTimeout(timer.current);
    const next: ViewState = { ...latest.current.state, view: view.current };
    const url = `${window.location.pathname}${viewStateSearch(next)}${window.location.hash}`;
    written.current = next;
    if (mode === "push") window.history.pushState(null, "", url);
    else if (
      url !== `${window.location.pathname}${window.location.search}${window.location.hash}`
    ) {
      window.history.replaceState(null, "", url);
    }
  }, []);

  const replaceSoon = useCallback(() => {
    if (!latest.current.ready) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => write("replace"), REPLACE_DELAY_MS);
  }, [write]);

  // One string for everything but the view: the page builds `state` afresh on every render.
  const key = viewStateSearch({ ...state, view: null });
  useEffect(() => {
    if (!ready) return;
    const previous = written.current;
    const next: ViewState = { ...latest.current.state, view: view.current };
    // The first write only tidies the link (junk, a selection that is gone): no new entry.
    if (previous === null) write("replace");
    else if (isNavigation(previous, next)) write("push");
    else replaceSoon();
  }, [key, ready, write, replaceSoon]);

  useEffect(() => {
    const onPop = () => {
      clearTimeout(timer.current);
      const entry = decodeViewState(new URLSearchParams(window.location.search));
      written.current = { ...latest.current.onPopState(entry), view: view.current };
    };
    window.addEventListener("popstate", onPop);
    return () => {
      window.removeEventListener("popstate", onPop);
      clearTimeout(timer.current);
    };
  }, []);

  return useCallback(
    (next: MapView | null) => {
      view.current = next;
      replaceSoon();
    },
    [replaceSoon],
  );
}
