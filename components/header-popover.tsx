"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";

type Props = {
  open: boolean;
  onOpenChange(open: boolean): void;
  /** What the button shows; with `buttonLabel` for a button that shows only a symbol. */
  button: ReactNode;
  buttonLabel?: string;
  title: string;
  testId: string;
  /** The open panel's accessible name. */
  panelLabel: string;
  panelTestId: string;
  children: ReactNode;
};

/**
 * A header button with a small panel under it (a filter, a help card): it closes on Esc inside it
 * or a click anywhere else, and Esc there goes no further (the page's Esc clears the selection).
 */
export function HeaderPopover({
  open,
  onOpenChange,
  button,
  buttonLabel,
  title,
  testId,
  panelLabel,
  panelTestId,
  children,
}: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && !ref.current?.contains(event.target)) onOpenChange(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open, onOpenChange]);

  return (
    <div
      ref={ref}
      className="relative"
      onKeyDown={(event) => {
        if (event.key !== "Escape" || !open) return;
        event.stopPropagation();
        onOpenChange(false);
        buttonRef.current?.focus();
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        data-testid={testId}
        aria-label={buttonLabel}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        title={title}
        onClick={() => onOpenChange(!open)}
        className="inline-flex items-center gap-1.5 rounded-md border border-slate-700 bg-slate-950 px-2 py-1 text-sm text-slate-100 outline-none hover:border-slate-500 focus-visible:border-sky-500 focus-visible:ring-1 focus-visible:ring-sky-500"
      >
        {button}
      </button>
      {open && (
        <div
          id={panelId}
          role="group"
          aria-label={panelLabel}
          data-testid={panelTestId}
          className="absolute top-full right-0 z-30 mt-1 min-w-48 rounded-md border border-slate-700 bg-slate-900 p-2 text-sm text-slate-200 shadow-xl"
        >
          {children}
        </div>
      )}
    </div>
  );
}
