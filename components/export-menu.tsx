"use client";

// The header's Export menu: the map as drawn (SVG, PNG at 2×) or the model behind it, filtered as
// the page shows it (JSON, DOT, Mermaid, from the API).
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { download, pngScale, standaloneSvg, svgToPng } from "@/lib/client/map-export";
import {
  exportFileName,
  exportUrl,
  extensionOf,
  type ExportFilters,
  type ExportFormat,
} from "@/lib/export/export-file";
import type { Topology } from "@/lib/topology/types";
import type { SvgSnapshot } from "./graph/create-topology-graph";

type Item = { id: "svg" | "png" | ExportFormat; label: string; hint: string };

const ITEMS: Item[] = [
  { id: "svg", label: "SVG", hint: "the map as drawn" },
  { id: "png", label: "PNG (2×)", hint: "the map as a picture" },
  { id: "json", label: "JSON", hint: "the topology, filtered" },
  { id: "dot", label: "DOT", hint: "for Graphviz" },
  { id: "mermaid", label: "Mermaid", hint: "for Markdown" },
];

const BUTTON =
  "inline-flex items-center gap-1.5 rounded-md bg-slate-800 px-2.5 py-1 text-sm font-medium text-slate-200 ring-1 ring-slate-700 outline-none hover:bg-slate-700 focus-visible:ring-2 focus-visible:ring-sky-400 disabled:cursor-not-allowed disabled:opacity-50";

/** The map as SVG, whether it is drawn as SVG or on a canvas (see TopologyGraph.svgSnapshot). */
export type MapSvg = () => SvgSnapshot | null;

function drawnMap(topology: Topology, mapSvg: MapSvg) {
  const snapshot = mapSvg();
  if (!snapshot) throw new Error("The map is not drawn yet: wait for it, then export again.");
  const name =
    topology.engines.length > 1 ? `${topology.engines.length} engines` : topology.engine.name;
  try {
    return standaloneSvg(snapshot.svg, `Netlens · ${name} · ${topology.generatedAt}`);
  } finally {
    snapshot.dispose();
  }
}

async function fetchExport(format: ExportFormat, filters: ExportFilters): Promise<Blob> {
  const res = await fetch(exportUrl(format, filters), { credentials: "same-origin" });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `The server answered ${res.status}.`);
  }
  return res.blob();
}

async function exportAs(
  item: Item["id"],
  topology: Topology,
  filters: ExportFilters,
  mapSvg: MapSvg,
) {
  const now = new Date();
  if (item === "svg" || item === "png") {
    const svg = drawnMap(topology, mapSvg);
    const blob =
      item === "svg"
        ? new Blob([svg.text], { type: "image/svg+xml;charset=utf-8" })
        : await svgToPng(svg, pngScale(svg.width, svg.height));
    download(blob, exportFileName(item, now));
    return;
  }
  download(await fetchExport(item, filters), exportFileName(extensionOf(item), now));
}

/** The history file items (components/history/history-files.tsx): each opens its own dialog. */
export type HistoryFileItems = { exportHistory(): void; importHistory(): void };

const HISTORY_ITEMS = [
  { id: "export-history", label: "Export history…", hint: "a time window, as JSON" },
  { id: "import-history", label: "Import history file…", hint: "view it, read-only" },
] as const;

export function ExportMenu({
  topology,
  filters,
  disabled,
  history,
  mapSvg,
}: {
  topology: Topology | null;
  filters: ExportFilters;
  disabled: boolean;
  history?: HistoryFileItems;
  mapSvg: MapSvg;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<Item["id"] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);

  // The first item takes the focus when the menu opens, as a menu button's menu does.
  useEffect(() => {
    if (open) itemRefs.current[0]?.focus();
  }, [open]);

  // A click anywhere else closes it.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    triggerRef.current?.focus();
  };

  const run = async (item: Item["id"]) => {
    if (!topology || busy) return;
    // An engine filter that is a swarm node Netlens does not reach is no engine to the API.
    const engine = topology.engines.some((e) => e.id === filters.engine) ? filters.engine : null;
    setBusy(item);
    setError(null);
    try {
      await exportAs(item, topology, { ...filters, engine }, mapSvg);
      close();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = itemRefs.current.filter((b): b is HTMLButtonElement => b !== null);
    const at = items.findIndex((b) => b === document.activeElement);
    const move = (to: number) => items[(to + items.length) % items.length]?.focus();
    switch (event.key) {
      case "ArrowDown":
        move(at + 1);
        break;
      case "ArrowUp":
        move(at - 1);
        break;
      case "Home":
        move(0);
        break;
      case "End":
        move(items.length - 1);
        break;
      case "Escape":
        close();
        break;
      case "Tab":
        setOpen(false);
        return;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={triggerRef}
        type="button"
        data-testid="export-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={disabled || topology === null}
        title="Save the map, or the topology behind it, as a file"
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
        className={BUTTON}
      >
        Export
        <span aria-hidden className="text-xs text-slate-400">
          ▾
        </span>
      </button>
      {open && (
        <div
          id={menuId}
          role="menu"
          aria-label="Export as"
          onKeyDown={onMenuKeyDown}
          className="absolute right-0 z-30 mt-1 w-64 rounded-md border border-slate-700 bg-slate-900 py-1 shadow-lg"
        >
          {ITEMS.map((item, i) => (
            <button
              key={item.id}
              ref={(el) => {
                itemRefs.current[i] = el;
              }}
              type="button"
              role="menuitem"
              tabIndex={-1}
              data-testid={`export-${item.id}`}
              aria-busy={busy === item.id}
              onClick={() => void run(item.id)}
              className="flex w-full items-baseline justify-between gap-3 px-3 py-1.5 text-left text-sm text-slate-200 outline-none hover:bg-slate-800 focus:bg-slate-800"
            >
              <span className="font-medium">
                {busy === item.id ? `${item.label}…` : item.label}
              </span>
              <span className="truncate text-xs text-slate-500">{item.hint}</span>
            </button>
          ))}
          {history && (
            <>
              <div role="separator" className="my-1 border-t border-slate-800" />
              {HISTORY_ITEMS.map((item, i) => (
                <button
                  key={item.id}
                  ref={(el) => {
                    itemRefs.current[ITEMS.length + i] = el;
                  }}
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  data-testid={item.id}
                  onClick={() => {
                    setOpen(false);
                    if (item.id === "export-history") history.exportHistory();
                    else history.importHistory();
                  }}
                  className="flex w-full items-baseline justify-between gap-3 px-3 py-1.5 text-left text-sm text-slate-200 outline-none hover:bg-slate-800 focus:bg-slate-800"
                >
                  <span className="font-medium">{item.label}</span>
                  <span className="truncate text-xs text-slate-500">{item.hint}</span>
                </button>
              ))}
            </>
          )}
          {error && (
            <p
              role="alert"
              data-testid="export-error"
              className="border-t border-slate-800 px-3 py-1.5 text-xs text-rose-300"
            >
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
