"use client";

// The header's change controls: why changes are off (a read-only engine or Netlens), and for an
// admin, New network, Prune and the Audit log — disabled, with the reason, whenever a change
// cannot be made now (engine down, viewing history).
import Link from "next/link";

const HEADER_BUTTON =
  "rounded-md px-2.5 py-1 text-sm font-medium ring-1 outline-none focus-visible:ring-2 focus-visible:ring-sky-400 disabled:cursor-not-allowed disabled:opacity-50";

export function HeaderChangeControls({
  changesOff,
  canConnect,
  canAdminister,
  canChange,
  cannotChange,
  onCreate,
  onPrune,
}: {
  /** Why no change can be made at all, from the server; null when changes are on. */
  changesOff: string | null;
  canConnect: boolean;
  canAdminister: boolean;
  /** Whether a change can be made right now. */
  canChange: boolean;
  /** Why not, shown on the disabled buttons. */
  cannotChange: string;
  onCreate(): void;
  onPrune(): void;
}) {
  return (
    <>
      {changesOff && (canConnect || canAdminister) && (
        <span
          data-testid="changes-off"
          title={changesOff}
          className="rounded-full bg-amber-500/15 px-2 py-0.5 text-xs font-medium text-amber-300 ring-1 ring-amber-500/30"
        >
          Read-only<span className="sr-only">: {changesOff}</span>
        </span>
      )}
      {canAdminister && (
        <div className="flex items-center gap-2">
          <button
            type="button"
            data-testid="new-network"
            disabled={!canChange}
            title={canChange ? "docker network create" : cannotChange}
            onClick={onCreate}
            className={`${HEADER_BUTTON} bg-sky-600/90 text-white ring-sky-500/40 hover:bg-sky-500`}
          >
            + New network
          </button>
          <button
            type="button"
            data-testid="prune-open"
            disabled={!canChange}
            title={canChange ? "docker network prune, with a preview" : cannotChange}
            onClick={onPrune}
            className={`${HEADER_BUTTON} bg-slate-800 text-slate-200 ring-slate-700 hover:bg-slate-700`}
          >
            Prune unused…
          </button>
          <Link
            href="/audit"
            data-testid="audit-link"
            className={`${HEADER_BUTTON} bg-slate-800 text-slate-200 ring-slate-700 hover:bg-slate-700`}
          >
            Audit
          </Link>
        </div>
      )}
    </>
  );
}
