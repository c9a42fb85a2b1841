// The layout half of the graph: a d3-force simulation that owns every node's position.
// It knows sizes and ids only, never how anything is drawn, so a canvas renderer can reuse it.
import {
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from "d3";
import { forceEveryNthTick } from "./every-nth-tick";
import { forceRectCollide } from "./rect-collide";
import { clampToColumn, forceColumns, layoutColumns, type Column } from "./region-forces";

export type LayoutNodeKind = "network" | "sandbox" | "service" | "remoteTask" | "group";
export type LayoutLinkKind = "endpoint" | "stopped" | "task" | "group";

export type LayoutNodeInput = {
  id: string;
  kind: LayoutNodeKind;
  /** Size of the box the node occupies, centred on its position; used to keep nodes apart. */
  width: number;
  height: number;
  /**
   * The region (an engine) whose column the node stays in; null: between the columns, for what
   * spans them. Absent everywhere (one engine), the map has no columns.
   */
  region?: string | null;
};

export type LayoutLinkInput = { id: string; kind: LayoutLinkKind; source: string; target: string };

export type Point = { readonly x: number; readonly y: number };

export type Positions = ReadonlyMap<string, Point>;

export interface ForceLayout {
  /**
   * Replace the node and link sets; nodes that keep their id keep their position. After the first
   * layout, only new (or resized) nodes move to find their place: the rest of the map stays
   * exactly where the person last saw it. Returns whether any node or link came or went.
   * `regions` orders the columns, left to right.
   */
  update(
    nodes: readonly LayoutNodeInput[],
    links: readonly LayoutLinkInput[],
    regions?: readonly string[],
  ): boolean;
  /** Run the simulation to rest now, without the animation timer (tests, static renders). */
  settle(): void;
  /** Called on every simulation tick (and after update) with every node's position. */
  onTick(callback: (positions: Positions) => void): () => void;
  /**
   * How often a big first layout settling in slices is painted: a renderer that repaints cheaply
   * (canvas) asks for every slice, the SVG one for a few a second.
   */
  paintEvery(ms: number): void;
  /** Called once the simulation has cooled after a change. */
  onSettled(callback: (positions: Positions) => void): () => void;
  positions(): Positions;
  pin(id: string, x: number, y: number): void;
  release(id: string): void;
  isPinned(id: string): boolean;
  /**
   * Keep these nodes where they are until `unhold()`, e.g. the hubs a box is being dragged
   * towards: pushed aside by it, they would flee from under the pointer. Not a person's pin.
   */
  hold(ids: Iterable<string>): void;
  unhold(): void;
  stop(): void;
}

type SimNode = SimulationNodeDatum & {
  id: string;
  kind: LayoutNodeKind;
  width: number;
  height: number;
  x: number;
  y: number;
  region?: string | null;
};

type SimLink = SimulationLinkDatum<SimNode> & { id: string; kind: LayoutLinkKind };

/** Gap kept between any two node boxes. */
const COLLIDE_PADDING = 14;
/** Ticks run synchronously for a first layout, so the first paint is already readable. */
const INITIAL_TICKS = 400;
/**
 * ...but for no longer than this: a big map (2,000 containers) is painted once it is roughly in
 * place, then finishes its layout in slices between which the page stays responsive.
 */
const FIRST_LAYOUT_BUDGET_MS = 300;
/** One slice of a big first layout's remaining ticks. */
const SETTLE_SLICE_MS = 40;
/**
 * How often a settling big layout is painted, by default. Every frame would cost the SVG map more
 * than the layout itself: repainting ~2,000 moved boxes and labels takes a few hundred ms.
 */
const SETTLE_PAINT_EVERY_MS = 600;

const ALPHA_DECAY = 0.03;
/**
 * Above this many nodes the layout trades a little precision for time: it cools in ~140 ticks
 * instead of ~230 and approximates far charges more coarsely (Barnes–Hut theta 1.2, not 0.9).
 * At 2,000 containers a tick costs ~10 ms here, and the map must settle within 3 s.
 */
const BIG_LAYOUT_NODES = 1_000;
const BIG_ALPHA_DECAY = 0.05;
const BIG_THETA = 1.2;
/**
 * ...computes the repulsion between all nodes on every other tick only (reusing its push in
 * between: it changes slowly, and it was three quarters of a tick), and stops a little warmer:
 * below alpha 0.005 nothing on such a map moves by a pixel (d3's default, 0.001, is ~30 more
 * ticks of nothing). Together a 2,000-container layout settles in about half the time.
 */
const BIG_CHARGE_EVERY = 2;
const BIG_ALPHA_MIN = 0.005;
/**
 * ...and pulls far more gently to the centre: at the small maps' strength 2,000 boxes were pressed
 * into an area smaller than their own, and thousands of pairs overlapped around busy hubs (a
 * 2,000-container test layout: 4,300 overlapping pairs → 1,145).
 */
const BIG_CENTRE = { x: 0.004, y: 0.006 };
const ALPHA_MIN = 0.001;

/** A seeded PRNG (mulberry32): the same topology lays out the same way on every load. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function adjacencyOf(links: readonly LayoutLinkInput[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (from: string, to: string) => {
    const list = out.get(from);
    if (list) list.push(to);
    else out.set(from, [to]);
  };
  for (const link of links) {
    add(link.source, link.target);
    add(link.target, link.source);
  }
  return out;
}

function halfExtent(node: SimNode): number {
  return Math.max(node.width, node.height) / 2;
}

export type ForceLayoutOptions = {
  /** False runs no animation timer: positions change only in update() (tests, static renders). */
  animate?: boolean;
};

export function createForceLayout({ animate = true }: ForceLayoutOptions = {}): ForceLayout {
  let disposed = false;
  const random = seededRandom(0x6e65746c);
  const byId = new Map<string, SimNode>();
  /** Nodes that have been given a starting position (NaN until then). */
  const placed = new Set<string>();
  let links: SimLink[] = [];
  /** The node and link ids of the last update: did the structure change? */
  let lastNodeIds = new Set<string>();
  let lastLinkIds = new Set<string>();
  const tickCallbacks = new Set<(positions: Positions) => void>();
  const settledCallbacks = new Set<(positions: Positions) => void>();
  /** Nodes that came or changed size since the layout last came to rest: free to move. */
  const moving = new Set<string>();
  /** Nodes held still (fx/fy) while those settle; distinct from what a person pinned. */
  const anchored = new Set<string>();
  /** Nodes held still while something is dragged towards them (see hold()). */
  const held = new Set<string>();
  let dragCoolTimer: ReturnType<typeof setTimeout> | undefined;
  /** Each region's column; empty when the map has no regions. */
  let columns = new Map<string | null, Column>();
  let settlePaintEveryMs = SETTLE_PAINT_EVERY_MS;
  let big = false;
  const columnOf = (node: SimNode) =>
    node.region === undefined ? undefined : columns.get(node.region);

  const linkForce = forceLink<SimNode, SimLink>()
    .id((d) => d.id)
    .distance((link) => {
      const s = link.source as SimNode;
      const t = link.target as SimNode;
      const base = halfExtent(s) * 0.6 + halfExtent(t) * 0.6;
      if (link.kind === "stopped") return base + 110;
      if (link.kind === "task") return base + 60;
      return base + 100;
    })
    .strength((link) => {
      const s = link.source as SimNode;
      const t = link.target as SimNode;
      const degree = Math.min(degreeOf(s.id), degreeOf(t.id)) || 1;
      if (link.kind === "stopped") return 0.3 / degree;
      // A service's tasks stay in their own regions; the service finds its place among them.
      if (link.kind === "task") return 0.05;
      return 0.9 / degree;
    });

  const degrees = new Map<string, number>();
  function degreeOf(id: string): number {
    return degrees.get(id) ?? 0;
  }

  const chargeForce = forceManyBody<SimNode>()
    .strength((d) => (d.kind === "network" ? -900 : -300))
    .distanceMax(900);
  const simulation = forceSimulation<SimNode, SimLink>([])
    .randomSource(random)
    .force("link", linkForce)
    .force(
      "charge",
      forceEveryNthTick(chargeForce, () => (big ? BIG_CHARGE_EVERY : 1)),
    )
    // A weak pull to the centre keeps unconnected nodes (stopped containers, empty networks) near.
    // In a map of regions, each node's column does that instead.
    .force(
      "x",
      forceX<SimNode>(0).strength((d) => (columnOf(d) ? 0 : big ? BIG_CENTRE.x : 0.045)),
    )
    .force("columns", forceColumns(columnOf))
    .force(
      "y",
      forceY<SimNode>(0).strength(() => (big ? BIG_CENTRE.y : 0.06)),
    )
    .force("collide", forceRectCollide<SimNode>(COLLIDE_PADDING))
    .alphaDecay(ALPHA_DECAY)
    .stop();

  /** Let the simulation's timer run from the given energy (never below what it already has). */
  function reheat(alpha: number) {
    simulation.alpha(Math.max(simulation.alpha(), alpha));
    // A big first layout still finishing in slices takes the new energy along.
    if (animate && !disposed && !settleSlice) simulation.restart();
  }

  /** The timer of a big first layout finishing in slices; undefined when none is. */
  let settleSlice: ReturnType<typeof setTimeout> | undefined;

  /** Finish a big first layout in slices, painting now and then and once more at rest. */
  function settleInSlices() {
    let lastPaint = performance.now();
    const slice = () => {
      const until = performance.now() + SETTLE_SLICE_MS;
      while (simulation.alpha() > simulation.alphaMin() && performance.now() < until) {
        simulation.tick();
      }
      if (simulation.alpha() > simulation.alphaMin()) {
        if (performance.now() - lastPaint >= settlePaintEveryMs) {
          emitTick();
          lastPaint = performance.now();
        }
        settleSlice = setTimeout(slice, 0);
        return;
      }
      settleSlice = undefined;
      simulation.alpha(0).stop();
      emitTick();
      settled();
    };
    settleSlice = setTimeout(slice, 0);
  }

  function positions(): Positions {
    return byId;
  }

  function emitTick() {
    for (const cb of tickCallbacks) cb(byId);
  }

  function releaseAnchors() {
    for (const id of anchored) {
      const node = byId.get(id);
      if (node) {
        node.fx = null;
        node.fy = null;
      }
    }
    anchored.clear();
  }

  /** Hold every node that is not `moving` (nor pinned by the person) where it is. */
  function anchorTheRest() {
    for (const node of byId.values()) {
      if (moving.has(node.id) || node.fx != null) continue;
      node.fx = node.x;
      node.fy = node.y;
      anchored.add(node.id);
    }
  }

  function settled() {
    releaseAnchors();
    moving.clear();
    for (const cb of settledCallbacks) cb(byId);
  }

  simulation.on("tick", emitTick);
  simulation.on("end", settled);

  /** Somewhere to start a node that has no position yet: near the nodes it links to. */
  function seedPosition(node: SimNode, linkedIds: readonly string[], index: number) {
    place(node, linkedIds, index);
    const column = columnOf(node);
    if (column) node.x = clampToColumn(node.x, node.width, column);
  }

  function place(node: SimNode, linkedIds: readonly string[], index: number) {
    const neighbours: SimNode[] = [];
    for (const otherId of linkedIds) {
      const other = byId.get(otherId);
      // Only neighbours already placed: networks are seeded first, so sandboxes find theirs.
      if (other && Number.isFinite(other.x) && placed.has(other.id)) neighbours.push(other);
    }
    if (neighbours.length > 0) {
      // Prefer networks: a sandbox should appear next to the network it attaches to.
      const hubs = neighbours.filter((n) => n.kind === "network");
      const anchors = hubs.length > 0 ? hubs : neighbours;
      const cx = anchors.reduce((sum, n) => sum + n.x, 0) / anchors.length;
      const cy = anchors.reduce((sum, n) => sum + n.y, 0) / anchors.length;
      const angle = random() * 2 * Math.PI;
      const r = 60 + random() * 60;
      node.x = cx + r * Math.cos(angle);
      node.y = cy + r * Math.sin(angle);
      return;
    }
    // d3's own phyllotaxis arrangement, spread wider because hubs carry big labels.
    const radius = 90 * Math.sqrt(0.5 + index);
    const angle = index * Math.PI * (3 - Math.sqrt(5));
    node.x = (columnOf(node)?.x ?? 0) + radius * Math.cos(angle);
    node.y = radius * Math.sin(angle);
  }

  function update(
    nodeInputs: readonly LayoutNodeInput[],
    linkInputs: readonly LayoutLinkInput[],
    regions: readonly string[] = [],
  ): boolean {
    if (disposed) return false;
    const wasEmpty = placed.size === 0;
    const nextIds = new Set(nodeInputs.map((n) => n.id));
    for (const id of [...byId.keys()]) {
      if (!nextIds.has(id)) {
        byId.delete(id);
        placed.delete(id);
        moving.delete(id);
        anchored.delete(id);
      }
    }

    // Networks first, then the rest: new sandboxes are seeded next to their (placed) networks.
    const ordered = [...nodeInputs].sort(
      (a, b) => Number(a.kind !== "network") - Number(b.kind !== "network"),
    );
    const regional = nodeInputs.some((n) => n.region !== undefined);
    columns = regional ? layoutColumns(nodeInputs, regions, columns) : new Map();
    // Seeds spiral out from the middle of each column, not all from the one middle of the map.
    const seeded = new Map<string | null | undefined, number>();
    let fresh = 0;
    let resized = false;
    // Made once the first new node needs it: scanning every link per new node was quadratic.
    let adjacency: Map<string, string[]> | undefined;
    const linkedTo = (id: string) => (adjacency ??= adjacencyOf(linkInputs)).get(id) ?? [];
    for (const input of ordered) {
      let node = byId.get(input.id);
      if (!node) {
        node = {
          id: input.id,
          kind: input.kind,
          width: input.width,
          height: input.height,
          x: NaN,
          y: NaN,
        };
        byId.set(input.id, node);
      } else if (node.width !== input.width || node.height !== input.height) {
        node.width = input.width;
        node.height = input.height;
        resized = true;
        moving.add(node.id);
      }
      node.kind = input.kind;
      node.region = input.region;
      if (!placed.has(node.id)) {
        const index = seeded.get(input.region) ?? 0;
        seeded.set(input.region, index + 1);
        fresh++;
        seedPosition(node, linkedTo(node.id), index);
        node.vx = 0;
        node.vy = 0;
        placed.add(node.id);
        moving.add(node.id);
      }
    }

    links = linkInputs
      .filter((l) => byId.has(l.source) && byId.has(l.target))
      .map((l) => ({ id: l.id, kind: l.kind, source: l.source, target: l.target }));
    degrees.clear();
    for (const l of links) {
      degrees.set(l.source as string, degreeOf(l.source as string) + 1);
      degrees.set(l.target as string, degreeOf(l.target as string) + 1);
    }

    // Set lookups, not sorted id lists joined: this runs on every live change of a big map.
    const linkIds = new Set(links.map((l) => l.id));
    const nodesChanged =
      nextIds.size !== lastNodeIds.size || [...nextIds].some((id) => !lastNodeIds.has(id));
    const structureChanged =
      nodesChanged ||
      linkIds.size !== lastLinkIds.size ||
      [...linkIds].some((id) => !lastLinkIds.has(id));
    lastNodeIds = nextIds;
    lastLinkIds = linkIds;

    big = nodeInputs.length > BIG_LAYOUT_NODES;
    simulation.alphaDecay(big ? BIG_ALPHA_DECAY : ALPHA_DECAY);
    simulation.alphaMin(big ? BIG_ALPHA_MIN : ALPHA_MIN);
    chargeForce.theta(big ? BIG_THETA : 0.9);
    // Handing the nodes over again re-initialises every force (~10 ms at 2,000 containers): only
    // when they came, went or changed size, not for a connect or a disconnect. Kept in input
    // order, so the simulation is deterministic for a given topology.
    if (nodesChanged || resized || wasEmpty) {
      simulation.nodes(nodeInputs.map((n) => byId.get(n.id)!));
    }
    linkForce.links(links);

    if (wasEmpty && nodeInputs.length > 0) {
      simulation.alpha(1);
      moving.clear();
      runToRest();
      return true;
    }
    if (structureChanged || resized) {
      if (moving.size === 0) {
        // Only removals: nothing needs a new place, and the rest stays where it is.
        emitTick();
        // At rest already: say so now, as a run would when it ended (the view re-frames).
        if (simulation.alpha() < simulation.alphaMin()) settled();
        return structureChanged;
      }
      anchorTheRest();
      reheat(fresh > 0 ? 0.6 : structureChanged ? 0.3 : 0.15);
    }
    emitTick();
    return structureChanged;
  }

  /** Tick synchronously until the simulation cools, then report it settled. */
  function runToRest() {
    const deadline = performance.now() + FIRST_LAYOUT_BUDGET_MS;
    for (let i = 0; i < INITIAL_TICKS && simulation.alpha() > simulation.alphaMin(); i++) {
      simulation.tick();
      if (animate && performance.now() > deadline) {
        emitTick();
        settleInSlices();
        return;
      }
    }
    simulation.alpha(0).stop();
    emitTick();
    settled();
  }

  function pin(id: string, x: number, y: number) {
    const node = byId.get(id);
    if (!node) return;
    // The person is arranging the map: everything may make room again.
    releaseAnchors();
    node.fx = x;
    node.fy = y;
    node.x = x;
    node.y = y;
    // Keep the simulation warm while a drag goes on, then let it cool.
    simulation.alphaTarget(0.15);
    reheat(0.15);
    clearTimeout(dragCoolTimer);
    dragCoolTimer = setTimeout(() => simulation.alphaTarget(0), 250);
  }

  function release(id: string) {
    const node = byId.get(id);
    if (!node) return;
    releaseAnchors();
    node.fx = null;
    node.fy = null;
    reheat(0.25);
  }

  return {
    update,
    settle() {
      if (!disposed) runToRest();
    },
    positions,
    onTick(callback) {
      tickCallbacks.add(callback);
      return () => tickCallbacks.delete(callback);
    },
    paintEvery(ms) {
      settlePaintEveryMs = ms;
    },
    onSettled(callback) {
      settledCallbacks.add(callback);
      return () => settledCallbacks.delete(callback);
    },
    pin,
    release,
    isPinned: (id) => byId.get(id)?.fx != null && !anchored.has(id) && !held.has(id),
    hold(ids) {
      for (const id of ids) {
        const node = byId.get(id);
        // A node already held by something else keeps that; releasing it is not ours to do.
        if (!node || (node.fx != null && !anchored.has(id)) || held.has(id)) continue;
        anchored.delete(id);
        node.fx = node.x;
        node.fy = node.y;
        held.add(id);
      }
    },
    unhold() {
      for (const id of held) {
        const node = byId.get(id);
        if (node) {
          node.fx = null;
          node.fy = null;
        }
      }
      held.clear();
    },
    stop() {
      disposed = true;
      clearTimeout(settleSlice);
      clearTimeout(dragCoolTimer);
      simulation.stop();
      simulation.on("tick", null).on("end", null);
      tickCallbacks.clear();
      settledCallbacks.clear();
    },
  };
}
