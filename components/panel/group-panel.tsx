"use client";

import { publishedPortLines } from "@/lib/graph/format";
import { canFocus, type FocusHops, type ViewFocus } from "@/lib/graph/focus";
import {
  GROUP_BY_LABELS,
  groupCountsLine,
  groupMembers,
  groupNetworks,
  groupNodeId,
  parseGroupNodeId,
  type GroupMode,
} from "@/lib/graph/grouping";
import { sameTarget, type GraphTarget } from "@/lib/graph/selection";
import { groupKeyOf } from "@/lib/topology/group-key";
import type { Topology } from "@/lib/topology/types";
import { Jump, Muted, Notice, Section, StateBadge } from "./panel-ui";

/** The map's grouping and focus, as the side panel shows and changes them. */
export type PanelShape = {
  group: GroupMode;
  /** The engine the map is narrowed to: a group's members there. */
  region: string | null;
  isExpanded(groupId: string): boolean;
  setExpanded(groupId: string, expanded: boolean): void;
  focus: ViewFocus | null;
  setFocus(focus: ViewFocus | null): void;
};

type Select = (target: GraphTarget) => void;

const SMALL_BUTTON =
  "rounded-md px-2 py-0.5 text-xs font-medium ring-1 outline-none focus-visible:ring-2 focus-visible:ring-sky-400";

function ExpandButton({ shape, groupId }: { shape: PanelShape; groupId: string }) {
  const expanded = shape.isExpanded(groupId);
  return (
    <button
      type="button"
      data-testid="group-expand"
      data-expanded={expanded}
      onClick={() => shape.setExpanded(groupId, !expanded)}
      className={`${SMALL_BUTTON} bg-slate-800 text-slate-200 ring-slate-700 hover:bg-slate-700`}
    >
      {expanded ? "Collapse into one node" : "Expand"}
    </button>
  );
}

/** A compose project's (stack's, node's, engine's) members, counts and networks. */
export function GroupPanel({
  topology,
  id,
  shape,
  onSelect,
}: {
  topology: Topology;
  id: string;
  shape: PanelShape;
  onSelect: Select;
}) {
  const parsed = parseGroupNodeId(id);
  const group = parsed ? groupMembers(topology, parsed.by, shape.region).get(id) : undefined;
  if (!parsed || !group) {
    return (
      <div className="px-4 py-3">
        <Notice tone="info">Nothing on the map belongs to this group any more.</Notice>
      </div>
    );
  }
  const running = group.containers.filter((c) => c.sandboxId !== null);
  const counts = {
    running: running.length,
    stopped: group.containers.length - running.length,
    sandboxes: new Set(running.map((c) => c.sandboxId)).size,
  };
  const members = [...group.containers].sort((a, b) => a.name.localeCompare(b.name));
  // A collapsed group draws no port links (see groupGraphModel): its ports are listed here.
  const ports = members.flatMap((c) =>
    publishedPortLines(c.ports).map((line) => ({ line, container: c })),
  );
  return (
    <div data-testid="group-panel">
      <div className="px-4 pt-3 pb-3">
        <p className="text-[11px] font-semibold tracking-wider text-slate-500 uppercase">
          {GROUP_BY_LABELS[parsed.by]}
        </p>
        <h2 className="truncate pr-6 text-lg font-semibold text-slate-50" title={parsed.key}>
          {parsed.key}
        </h2>
        <p className="mt-0.5 text-sm text-slate-300" data-testid="group-panel-counts">
          {groupCountsLine(counts)}
        </p>
        <div className="mt-2">
          <ExpandButton shape={shape} groupId={id} />
        </div>
      </div>
      <Section title="Networks">
        <ul className="space-y-1 text-sm">
          {groupNetworks(topology, group.containers).map((n) => (
            <li key={n.networkId} className="flex items-baseline justify-between gap-3">
              <Jump onClick={() => onSelect({ kind: "network", id: n.networkId })}>{n.name}</Jump>
              <Muted>
                {n.endpoints} {n.endpoints === 1 ? "endpoint" : "endpoints"}
                {n.configured > 0 && ` · ${n.configured} stopped`}
              </Muted>
            </li>
          ))}
        </ul>
      </Section>
      {ports.length > 0 && (
        <Section title="Published ports">
          <ul className="space-y-1 text-sm">
            {ports.map(({ line, container }) => (
              <li
                key={`${container.id} ${line}`}
                className="flex items-baseline justify-between gap-3"
              >
                <span className="font-mono text-[12px] text-slate-200">{line}</span>
                <Muted>{container.name}</Muted>
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title={`Containers (${members.length})`}>
        <ul className="space-y-1 text-sm">
          {members.map((c) => (
            <li key={c.id} className="flex items-baseline justify-between gap-3">
              <Jump onClick={() => onSelect({ kind: "container", id: c.id })}>{c.name}</Jump>
              <StateBadge state={c.state} />
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}

/** The group a selected box or container belongs to under the map's grouping, if any. */
function groupOfSelection(topology: Topology, shape: PanelShape, selection: GraphTarget) {
  if (shape.group === "none") return null;
  const containerId =
    selection.kind === "container"
      ? selection.id
      : selection.kind === "sandbox"
        ? topology.sandboxes.find((s) => s.id === selection.id && s.kind === "container")
            ?.containerIds[0]
        : undefined;
  const container = topology.containers.find((c) => c.id === containerId);
  const key = container ? groupKeyOf(topology, container, shape.group) : null;
  return key === null ? null : { id: groupNodeId(shape.group, key), key };
}

/**
 * Above a container's, box's, network's or group's details: show only its neighbourhood (1 or 2
 * hops), and for a member of an expanded group, a way back to the group.
 */
export function ShapeActions({
  topology,
  selection,
  shape,
  onSelect,
}: {
  topology: Topology;
  selection: GraphTarget;
  shape: PanelShape;
  onSelect: Select;
}) {
  const group = groupOfSelection(topology, shape, selection);
  // A collapsed group is a node of its own; an expanded one has no single node to start from.
  const focusable =
    canFocus(selection) && (selection.kind !== "group" || !shape.isExpanded(selection.id));
  if (!focusable && !group) return null;
  const focused = (hops: FocusHops) =>
    shape.focus !== null && shape.focus.hops === hops && sameTarget(shape.focus.target, selection);
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-slate-800 px-4 py-2 pr-10 text-xs text-slate-400">
      {focusable && (
        <>
          <span>Focus</span>
          {([1, 2] as const).map((hops) => (
            <button
              key={hops}
              type="button"
              data-testid={`focus-${hops}`}
              aria-pressed={focused(hops)}
              title={`Show only this and what is ${hops} ${hops === 1 ? "hop" : "hops"} away; hide the rest`}
              onClick={() => shape.setFocus(focused(hops) ? null : { target: selection, hops })}
              className={`${SMALL_BUTTON} ${
                focused(hops)
                  ? "bg-sky-600/90 text-white ring-sky-500/40"
                  : "bg-slate-800 text-slate-200 ring-slate-700 hover:bg-slate-700"
              }`}
            >
              {hops} {hops === 1 ? "hop" : "hops"}
            </button>
          ))}
        </>
      )}
      {group && (
        <span className="ml-auto flex items-center gap-1.5">
          in <Jump onClick={() => onSelect({ kind: "group", id: group.id })}>{group.key}</Jump>
          {shape.isExpanded(group.id) && (
            <button
              type="button"
              data-testid="group-collapse"
              onClick={() => shape.setExpanded(group.id, false)}
              className={`${SMALL_BUTTON} bg-slate-800 text-slate-200 ring-slate-700 hover:bg-slate-700`}
            >
              collapse
            </button>
          )}
        </span>
      )}
    </div>
  );
}
