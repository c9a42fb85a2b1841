// Everything that defines what the page shows, as the query string of a link that shows it again.
// Pure: the page's hook (use-url-view-state.ts) moves it between React state and the history.
import type { ViewFocus } from "../graph/focus";
import { publishedPorts } from "../graph/format";
import { parseGroupNodeId, type GroupMode } from "../graph/grouping";
import { sameTarget, type GraphTarget, type SelectionKind } from "../graph/selection";
import { nodeRegionId } from "../graph/swarm-graph";
import { GROUP_BY, groupKeyOf } from "../topology/group-key";
import type { Topology } from "../topology/types";

/** The map's zoom and pan: d3's transform (translate x, y, then scale k). */
export type MapView = { x: number; y: number; k: number };

/** How the map is drawn: by its size (auto), or SVG / one canvas as the person asked. */
export type RendererChoice = "auto" | "svg" | "canvas";
const RENDERERS: readonly RendererChoice[] = ["auto", "svg", "canvas"];

export type ViewState = {
  selection: GraphTarget | null;
  /** Focus mode: only this target's neighbourhood, 1 or 2 hops out. */
  focus: ViewFocus | null;
  /** The table's search text, as typed. */
  q: string;
  stopped: boolean;
  /** Network drivers to show; empty shows every driver. */
  drivers: string[];
  /** The engine (region) the map and table are narrowed to; null for all. */
  engine: string | null;
  group: GroupMode;
  /** Where the person left the map; null lets the map fit itself. */
  view: MapView | null;
  /** The moment shown (ISO-8601): the map as it was then, read-only; null for live. */
  t: string | null;
  /** Changes-since mode: what changed after this moment (ISO-8601) is marked; null for off. */
  since: string | null;
  renderer: RendererChoice;
};

export const DEFAULT_VIEW_STATE: ViewState = {
  selection: null,
  focus: null,
  q: "",
  stopped: false,
  drivers: [],
  engine: null,
  group: "none",
  view: null,
  t: null,
  since: null,
  renderer: "auto",
};

// Every kind, checked against SelectionKind by the compiler: a kind added there must be added here.
const SELECTION_KINDS: Record<SelectionKind, true> = {
  network: true,
  sandbox: true,
  container: true,
  endpoint: true,
  hostPorts: true,
  service: true,
  task: true,
  region: true,
  group: true,
};

/** Longer than any search anyone types; bounds what a crafted link can put in the page. */
const MAX_QUERY = 200;
/** Docker driver names, plugins' included (`vendor/name:tag`). */
const DRIVER_NAME = /^[\w./:-]{1,100}$/;

function encodeTarget(target: GraphTarget): string {
  return `${target.kind}:${target.id}`;
}

function decodeTarget(text: string | null): GraphTarget | null {
  if (!text) return null;
  const colon = text.indexOf(":");
  if (colon <= 0) return null;
  const kind = text.slice(0, colon);
  const id = text.slice(colon + 1);
  if (!Object.hasOwn(SELECTION_KINDS, kind) || id.length === 0 || id.length > 300) return null;
  return { kind: kind as SelectionKind, id };
}

function decodeFocus(text: string | null): ViewFocus | null {
  if (!text) return null;
  const tilde = text.lastIndexOf("~");
  const hops = tilde > 0 ? text.slice(tilde + 1) : "";
  if (hops !== "1" && hops !== "2") return null;
  const target = decodeTarget(text.slice(0, tilde));
  return target ? { target, hops: hops === "1" ? 1 : 2 } : null;
}

function decodeDrivers(text: string | null): string[] {
  if (!text) return [];
  return [...new Set(text.split(",").filter((d) => DRIVER_NAME.test(d)))].sort();
}

function decodeView(text: string | null): MapView | null {
  const parts = text?.split(",");
  if (parts?.length !== 3) return null;
  const [x, y, k] = parts.map(Number) as [number, number, number];
  if (![x, y, k].every(Number.isFinite) || k <= 0) return null;
  return { x, y, k };
}

/** A moment as a link carries it: any date Date.parse reads, normalised to ISO-8601 (UTC). */
function decodeMoment(text: string | null): string | null {
  if (!text || text.length > 40) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** Pixels to the pixel, scale to a thousandth: finer is invisible and only lengthens the link. */
function roundView(view: MapView): MapView {
  return {
    x: Math.round(view.x),
    y: Math.round(view.y),
    k: Math.round(view.k * 1000) / 1000,
  };
}

/** The fields that differ from the defaults, under short keys, always in the same order. */
export function encodeViewState(state: ViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.selection) params.set("sel", encodeTarget(state.selection));
  if (state.focus) params.set("focus", `${encodeTarget(state.focus.target)}~${state.focus.hops}`);
  if (state.q) params.set("q", state.q.slice(0, MAX_QUERY));
  if (state.stopped) params.set("stopped", "1");
  const drivers = [...new Set(state.drivers)].sort();
  if (drivers.length > 0) params.set("driver", drivers.join(","));
  if (state.engine) params.set("engine", state.engine);
  if (state.group !== "none") params.set("group", state.group);
  if (state.view) {
    const { x, y, k } = roundView(state.view);
    params.set("at", `${x},${y},${k}`);
  }
  // `t`, not `at`: `at` is the map's zoom and pan (links made before history still open).
  if (state.t) params.set("t", state.t);
  if (state.since) params.set("since", state.since);
  if (state.renderer !== "auto") params.set("renderer", state.renderer);
  return params;
}

/** Whatever a link says that makes sense; anything else (unknown keys, junk values) is the default. */
export function decodeViewState(params: URLSearchParams): ViewState {
  const group = params.get("group");
  const q = params.get("q") ?? "";
  return {
    selection: decodeTarget(params.get("sel")),
    focus: decodeFocus(params.get("focus")),
    q: q.slice(0, MAX_QUERY),
    stopped: params.get("stopped") === "1",
    drivers: decodeDrivers(params.get("driver")),
    engine: params.get("engine") || null,
    group: GROUP_BY.find((g) => g === group) ?? "none",
    view: decodeView(params.get("at")),
    t: decodeMoment(params.get("t")),
    since: decodeMoment(params.get("since")),
    renderer: RENDERERS.find((r) => r === params.get("renderer")) ?? "auto",
  };
}

/**
 * `?…` for the address bar ("" for the defaults), with `,` `:` `~` left readable: they need no
 * escaping in a query and make a copied link legible.
 */
export function viewStateSearch(state: ViewState): string {
  const query = encodeViewState(state)
    .toString()
    .replace(/%2C/g, ",")
    .replace(/%3A/g, ":")
    .replace(/%7E/g, "~");
  return query ? `?${query}` : "";
}

/**
 * Whether going from `a` to `b` is a step worth its own history entry: back walks selections, and
 * leaves the past (or changes-since) for what was shown before; scrubbing the timeline is no step.
 */
export function isNavigation(a: ViewState, b: ViewState): boolean {
  if ((a.t === null) !== (b.t === null) || (a.since === null) !== (b.since === null)) return true;
  const sameFocus =
    a.focus === b.focus ||
    (a.focus !== null &&
      b.focus !== null &&
      a.focus.hops === b.focus.hops &&
      sameTarget(a.focus.target, b.focus.target));
  return !sameTarget(a.selection, b.selection) || !sameFocus;
}

/** Whether `target` is (still) in `topology`, drawn or not. */
export function targetExists(topology: Topology, target: GraphTarget): boolean {
  const { id } = target;
  switch (target.kind) {
    case "network":
      return topology.networks.some((n) => n.id === id);
    case "sandbox":
      return topology.sandboxes.some((s) => s.id === id);
    case "container":
      return topology.containers.some((c) => c.id === id);
    case "endpoint":
      return topology.endpoints.some((e) => e.id === id);
    case "hostPorts":
      return topology.containers.some(
        (c) => c.sandboxId !== null && publishedPorts(c.ports).length > 0,
      );
    case "service":
      return topology.services.some((s) => s.id === id);
    case "task":
      return topology.tasks.some((t) => t.id === id);
    case "region":
      return (
        topology.engines.some((e) => e.id === id) ||
        topology.nodes.some((n) => nodeRegionId(n.id) === id)
      );
    case "group": {
      const group = parseGroupNodeId(id);
      return (
        group !== null &&
        topology.containers.some((c) => groupKeyOf(topology, c, group.by) === group.key)
      );
    }
  }
}

/** A link to something since removed opens without it rather than on an empty panel. */
export function withoutMissing(state: ViewState, topology: Topology): ViewState {
  const selection =
    state.selection && targetExists(topology, state.selection) ? state.selection : null;
  const focus = state.focus && targetExists(topology, state.focus.target) ? state.focus : null;
  return selection === state.selection && focus === state.focus
    ? state
    : { ...state, selection, focus };
}
