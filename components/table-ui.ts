// What the resource table's sections share: row behaviour and classes.
import type { KeyboardEvent } from "react";

export const TABLE_CLASSES = {
  th: "sticky top-0 bg-slate-900 px-2 py-1.5 text-left font-medium text-slate-500",
  rowBase:
    "cursor-pointer border-t border-slate-800/80 outline-none hover:bg-slate-800/60 focus-visible:bg-slate-800",
  selected: "bg-sky-500/10 hover:bg-sky-500/15 shadow-[inset_2px_0_0_0_#38bdf8]",
  caption:
    "px-3 pt-3 pb-1 text-left text-[11px] font-semibold tracking-wider text-slate-400 uppercase",
} as const;

/** A row that selects like a click on the map, by mouse or keyboard. */
export function rowKeys(onActivate: () => void) {
  return {
    tabIndex: 0,
    onClick: onActivate,
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        onActivate();
      }
    },
  };
}
