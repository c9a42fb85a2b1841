"use client";

import { SHORTCUTS } from "@/lib/client/use-keyboard-shortcuts";
import { HeaderPopover } from "./header-popover";

/** The `?` in the header: which keys do what (also opened with the `?` key). */
export function ShortcutsHelp({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  return (
    <HeaderPopover
      open={open}
      onOpenChange={onOpenChange}
      testId="shortcuts-help"
      button="?"
      buttonLabel="Keyboard shortcuts"
      title="Keyboard shortcuts (?)"
      panelLabel="Keyboard shortcuts"
      panelTestId="shortcuts-panel"
    >
      <dl className="grid grid-cols-[auto_1fr] items-baseline gap-x-3 gap-y-1.5 p-1 whitespace-nowrap">
        {SHORTCUTS.map((s) => (
          <div key={s.keys.join()} className="contents">
            <dt className="flex gap-1 justify-self-end">
              {s.keys.map((key) => (
                <kbd
                  key={key}
                  className="rounded border border-slate-600 bg-slate-800 px-1.5 font-mono text-xs text-slate-100"
                >
                  {key}
                </kbd>
              ))}
            </dt>
            <dd className="text-slate-300">{s.what}</dd>
          </div>
        ))}
      </dl>
    </HeaderPopover>
  );
}
