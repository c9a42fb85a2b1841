"use client";

// With the exposure toggle on: what a client beyond the host can reach, as a legend over the map.
import type { ExposureEntry } from "@/lib/topology/exposure";

const SCOPE_WORDS: Record<ExposureEntry["scope"], string> = {
  "all-interfaces": "every address of the host",
  address: "one address of the host",
  loopback: "loopback only: not from outside",
};

/** `0.0.0.0:8080 → 80/tcp`; null for a host-network container, which has no bindings. */
function binding(entry: ExposureEntry): string | null {
  if (entry.kind === "host-network") return null;
  const ip = entry.hostIp ?? "0.0.0.0";
  const host = ip.includes(":") ? `[${ip}]` : ip;
  return `${host}:${entry.hostPort ?? "?"} → ${entry.containerPort ?? "?"}/${entry.protocol ?? "tcp"}`;
}

export function ExposureList({
  entries,
  onFocus,
}: {
  entries: ExposureEntry[];
  onFocus(containerId: string): void;
}) {
  const open = entries.filter((e) => e.scope !== "loopback").length;
  return (
    <div
      data-testid="exposure-list"
      className="max-h-[36vh] w-[320px] max-w-[calc(100vw-2rem)] overflow-y-auto rounded-lg border border-amber-700/40 bg-slate-900/95 p-3 shadow-2xl backdrop-blur"
    >
      <p className="text-[11px] font-semibold tracking-wider text-amber-300/90 uppercase">
        Exposure
      </p>
      <p className="mt-0.5 text-xs text-slate-400">
        {open === 0
          ? "Nothing is reachable from beyond the host."
          : `Reachable from beyond the host: ${open} binding${open === 1 ? "" : "s"}, bright on the map.`}
      </p>
      {entries.length > 0 && (
        <ul className="mt-2 space-y-1">
          {entries.map((entry) => (
            <li key={`${entry.containerId}:${binding(entry) ?? "host"}`}>
              <button
                type="button"
                data-testid="exposure-entry"
                data-name={entry.name}
                data-scope={entry.scope}
                onClick={() => onFocus(entry.containerId)}
                className={`grid w-full grid-cols-[minmax(0,6rem)_minmax(0,1fr)] gap-x-2 rounded px-1.5 py-1 text-left text-xs hover:bg-slate-800 ${
                  entry.scope === "loopback" ? "opacity-60" : ""
                }`}
              >
                <span className="truncate font-medium text-slate-100" title={entry.name}>
                  {entry.name}
                </span>
                <span className="min-w-0">
                  {entry.kind === "host-network" ? (
                    <span className="block text-amber-200">host network: every port it opens</span>
                  ) : (
                    <span className="block font-mono text-[11.5px] break-all text-amber-200">
                      {binding(entry)}
                    </span>
                  )}
                  <span className="block text-[11px] text-slate-500">
                    {entry.kind === "host-network" ? "no isolation" : SCOPE_WORDS[entry.scope]}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
