"use client";

import { formatClock } from "@/lib/graph/format";
import { failedToStart } from "@/lib/graph/graph-model";
import type { GraphTarget } from "@/lib/graph/selection";
import type { Topology } from "@/lib/topology/types";
import type { EngineState } from "@/lib/client/use-topology-stream";
import { EnginesDownBanner } from "./engine-controls";

/** The banner text when there is nothing to show: "Docker engine unreachable at <endpoint>: …". */
function unreachableText(engine: EngineState): string {
  const message = engine.message ?? "no answer";
  return message.startsWith("Docker engine unreachable at")
    ? message
    : `Docker engine unreachable at ${engine.endpoint ?? "the configured endpoint"}: ${message}`;
}

function WarningIcon({ className }: { className: string }) {
  // An SVG, not a glyph: the banner's text should be exactly the server's words.
  return (
    <svg aria-hidden width="16" height="16" viewBox="0 0 16 16" className={className}>
      <path d="M8 1.5 15 14H1z" fill="none" stroke="currentColor" strokeWidth="1.4" />
      <path d="M8 6v4M8 11.5v1.2" stroke="currentColor" strokeWidth="1.4" />
    </svg>
  );
}

/** One banner's frame: the warning sign beside what it says. */
function Banner({
  role,
  testId,
  strong,
  children,
}: {
  role: "alert" | "status";
  testId: string;
  /** An alert about the engine; a notice about containers is lighter. */
  strong: boolean;
  children: React.ReactNode;
}) {
  const tone = strong
    ? "border-rose-900/70 bg-rose-950/70 py-2"
    : "border-rose-900/60 bg-rose-950/50 py-1.5";
  return (
    <div
      role={role}
      data-testid={testId}
      className={`flex items-start gap-3 border-b px-4 text-sm text-rose-100 ${tone}`}
    >
      <WarningIcon className="mt-0.5 shrink-0 text-rose-400" />
      {children}
    </div>
  );
}

/**
 * What is wrong, above the map: every engine down (with the state as of then, or nothing yet),
 * some engines down, containers that could not start.
 */
export function StatusBanners({
  topology,
  engine,
  asOf,
  onFocus,
  onSelectRegion,
}: {
  topology: Topology | null;
  engine: EngineState;
  asOf: string | null;
  onFocus: (target: GraphTarget) => void;
  onSelectRegion: (engineId: string) => void;
}) {
  const down = engine.status === "down";
  const failed = topology?.containers.filter(failedToStart) ?? [];
  return (
    <>
      {down && topology && (
        <Banner role="alert" testId="engine-down-banner" strong>
          <div className="min-w-0">
            <p className="font-medium" data-testid="engine-down-title">
              Docker engine unreachable — showing state as of {asOf ? formatClock(asOf) : "—"}
            </p>
            {engine.message && (
              <p className="font-mono text-xs break-words text-rose-300/80">{engine.message}</p>
            )}
          </div>
        </Banner>
      )}
      {!down && topology && <EnginesDownBanner topology={topology} onSelect={onSelectRegion} />}
      {failed.length > 0 && (
        <Banner role="status" testId="failed-notice" strong={false}>
          <div className="min-w-0 space-y-0.5">
            {failed.slice(0, 3).map((c) => (
              <p key={c.id} className="truncate" title={c.error ?? undefined}>
                <button
                  type="button"
                  data-testid="failed-container"
                  data-name={c.name}
                  onClick={() => onFocus({ kind: "container", id: c.id })}
                  className="font-semibold underline decoration-rose-400/50 underline-offset-2 hover:decoration-rose-200"
                >
                  {c.name}
                </button>{" "}
                <span className="text-rose-200/80">could not start ({c.state}):</span>{" "}
                <span className="font-mono text-[12px]">{c.error}</span>
              </p>
            ))}
            {failed.length > 3 && (
              <p className="text-xs text-rose-300/80">
                and {failed.length - 3} more, marked ⚠ in the table and the map
              </p>
            )}
          </div>
        </Banner>
      )}
      {down && !topology && (
        <Banner role="alert" testId="engine-error" strong>
          <div className="min-w-0">
            <p className="font-mono text-[12.5px] break-words">{unreachableText(engine)}</p>
            <p className="text-xs text-rose-300/80">
              Retrying; the map appears as soon as the engine answers.
            </p>
          </div>
        </Banner>
      )}
    </>
  );
}
