"use client";

import { useEffect, useRef } from "react";

export type ShortcutAction = "search" | "escape" | "fit" | "zoomIn" | "zoomOut" | "help";

/** What each key does, in the order the help lists them. */
export const SHORTCUTS: readonly { keys: readonly string[]; what: string }[] = [
  { keys: ["/"], what: "Search networks and containers" },
  { keys: ["Enter"], what: "In the search box: select the first hit" },
  { keys: ["Esc"], what: "Leave focus mode, then clear the selection" },
  { keys: ["f"], what: "Fit the whole map" },
  { keys: ["+", "="], what: "Zoom in" },
  { keys: ["-"], what: "Zoom out" },
  { keys: ["?"], what: "Show these shortcuts" },
];

const ACTION_OF_KEY: Readonly<Record<string, ShortcutAction>> = {
  "/": "search",
  Escape: "escape",
  f: "fit",
  "+": "zoomIn",
  "=": "zoomIn",
  "-": "zoomOut",
  "?": "help",
};

/** Inputs that take no text: a key pressed on them is still a shortcut. */
const NON_TEXT_INPUTS = new Set([
  "checkbox",
  "radio",
  "button",
  "submit",
  "reset",
  "range",
  "color",
]);

/** Whether the key is text being typed (or an option being picked) rather than a command. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest("textarea, select")) return true;
  return target instanceof HTMLInputElement && !NON_TEXT_INPUTS.has(target.type);
}

/**
 * The page's single-key shortcuts, on the whole window. A key typed into a field is left to the
 * field (only Esc still counts), an open dialog keeps every key, and keys with Ctrl, Alt or Meta
 * are the browser's.
 */
export function useKeyboardShortcuts(handlers: Partial<Record<ShortcutAction, () => void>>) {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
      const action = ACTION_OF_KEY[event.key];
      if (!action) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest("dialog[open]")) return;
      if (action !== "escape" && isTyping(target)) return;
      const handler = latest.current[action];
      if (!handler) return;
      // "/" would otherwise be typed into the search box it just focused; Esc keeps its own
      // meaning too (a search box clears itself).
      if (action !== "escape") event.preventDefault();
      handler();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
