"use client";

import { useSyncExternalStore } from "react";
import {
  nextThemeChoice,
  readThemeChoice,
  setThemeChoice,
  subscribeThemeChoice,
  type ThemeChoice,
} from "@/lib/client/theme";

// Drawn, not glyphs: ◐ ☀ ☾ are missing from many system fonts.
const ICON: Record<ThemeChoice, React.ReactNode> = {
  system: (
    <>
      <circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M8 2.5a5.5 5.5 0 0 1 0 11z" fill="currentColor" />
    </>
  ),
  light: (
    <>
      <circle cx="8" cy="8" r="3" fill="currentColor" />
      <path
        d="M8 1v2M8 13v2M1 8h2M13 8h2M3 3l1.4 1.4M11.6 11.6 13 13M3 13l1.4-1.4M11.6 4.4 13 3"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
      />
    </>
  ),
  dark: <path d="M13.5 10A6 6 0 0 1 6 2.5a6 6 0 1 0 7.5 7.5z" fill="currentColor" />,
};

/** Cycles system → light → dark; the choice is remembered in this browser. */
export function ThemeToggle() {
  // The server cannot know the stored choice: "system" until hydrated, then the real one.
  const choice = useSyncExternalStore<ThemeChoice>(
    subscribeThemeChoice,
    readThemeChoice,
    () => "system",
  );
  const next = nextThemeChoice(choice);
  return (
    <button
      type="button"
      data-testid="theme-toggle"
      data-choice={choice}
      aria-label={`Theme: ${choice}`}
      title={`Theme: ${choice} — click for ${next}`}
      onClick={() => setThemeChoice(next)}
      className="inline-flex items-center gap-1.5 rounded-md bg-slate-800 px-2.5 py-1 text-sm text-slate-200 ring-1 ring-slate-700 outline-none hover:bg-slate-700 focus-visible:ring-2 focus-visible:ring-sky-400"
    >
      <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden>
        {ICON[choice]}
      </svg>
      <span className="capitalize">{choice}</span>
    </button>
  );
}
