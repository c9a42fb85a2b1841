"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";

type Props = {
  title: ReactNode;
  /** One line under the title. */
  description?: ReactNode;
  onClose(): void;
  /** While true (a request in flight), Esc and the close button do nothing. */
  busy?: boolean;
  testId: string;
  /** Tailwind width class; the default suits a short form. */
  width?: string;
  children: ReactNode;
  /** Buttons, under the scrolling body. */
  footer?: ReactNode;
};

/**
 * A modal dialog on the native <dialog>: the browser puts it above everything, makes the page
 * behind it inert, keeps Tab inside and closes it on Esc. Open while mounted; focus goes to the
 * element marked `data-autofocus` (else the first control) and back where it was on close.
 */
export function Dialog({
  title,
  description,
  onClose,
  busy = false,
  testId,
  width = "w-[min(32rem,calc(100vw-2rem))]",
  children,
  footer,
}: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  // The effects below are set up once; they must call the current props, not the first ones.
  const latest = useRef({ onClose, busy });
  useEffect(() => {
    latest.current = { onClose, busy };
  }, [onClose, busy]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // Esc: the browser closes the dialog itself (refused while a request is in flight) and
    // "close" tells the owner, which unmounts it. Chrome may close it even when "cancel" is
    // refused twice in a row, so "close" is the one signal relied on.
    const onCancel = (event: Event) => {
      if (latest.current.busy) event.preventDefault();
    };
    // A close queued by an earlier unmount (React's dev double mount) may arrive once it is open
    // again: only a dialog that is really closed tells its owner.
    const onNativeClose = () => {
      if (!dialog.open) latest.current.onClose();
    };
    dialog.addEventListener("cancel", onCancel);
    dialog.addEventListener("close", onNativeClose);
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    return () => {
      dialog.removeEventListener("cancel", onCancel);
      dialog.removeEventListener("close", onNativeClose);
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      data-testid={testId}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      // Esc belongs to the dialog: the side panel behind it listens on window and must not close.
      onKeyDown={(event) => {
        if (event.key === "Escape") event.stopPropagation();
      }}
      className={`${width} m-auto max-h-[min(52rem,calc(100vh-2rem))] flex-col overflow-hidden rounded-lg border border-slate-700 bg-slate-900 p-0 text-slate-100 shadow-2xl backdrop:bg-slate-950/70 backdrop:backdrop-blur-[1px] open:flex`}
    >
      <div className="flex items-start justify-between gap-3 border-b border-slate-800 px-5 py-3">
        <div className="min-w-0">
          <h2 id={titleId} className="text-base font-semibold text-slate-50">
            {title}
          </h2>
          {description && (
            <p id={descriptionId} className="mt-0.5 text-xs text-slate-400">
              {description}
            </p>
          )}
        </div>
        <button
          type="button"
          onClick={() => !busy && onClose()}
          aria-label="Close"
          title="Close (Esc)"
          data-testid="dialog-close"
          className="-mr-2 rounded p-1 text-slate-400 hover:bg-slate-800 hover:text-slate-100"
        >
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden>
            <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" />
          </svg>
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div>
      {footer && (
        <div className="flex flex-wrap items-center justify-end gap-2 border-t border-slate-800 bg-slate-900/80 px-5 py-3">
          {footer}
        </div>
      )}
    </dialog>
  );
}

const BUTTON_TONES = {
  primary:
    "bg-sky-600 text-white hover:bg-sky-500 disabled:bg-slate-700 disabled:text-slate-400 focus-visible:ring-sky-400",
  danger:
    "bg-rose-600 text-white hover:bg-rose-500 disabled:bg-slate-700 disabled:text-slate-400 focus-visible:ring-rose-400",
  secondary:
    "bg-slate-800 text-slate-200 ring-1 ring-slate-700 hover:bg-slate-700 disabled:text-slate-500 focus-visible:ring-sky-400",
} as const;

export function Button({
  tone = "secondary",
  className = "",
  ...props
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { tone?: keyof typeof BUTTON_TONES }) {
  return (
    <button
      type="button"
      {...props}
      className={`rounded-md px-3 py-1.5 text-sm font-medium outline-none focus-visible:ring-2 disabled:cursor-not-allowed ${BUTTON_TONES[tone]} ${className}`}
    />
  );
}

/** Docker's own words when a request failed, inside a dialog or panel. */
export function ErrorMessage({
  message,
  testId = "dialog-error",
}: {
  message: string;
  testId?: string;
}) {
  return (
    <div
      role="alert"
      data-testid={testId}
      className="rounded bg-rose-950/60 px-3 py-2 text-sm break-words text-rose-200 ring-1 ring-rose-800/60"
    >
      {message}
    </div>
  );
}
