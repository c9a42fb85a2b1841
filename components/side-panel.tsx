"use client";

import type { GraphTarget } from "@/lib/graph/selection";
import type { Topology } from "@/lib/topology/types";
import { ContainerBody, SandboxPanel } from "./panel/container-panel";
import { EndpointPanel } from "./panel/endpoint-panel";
import { GroupPanel, ShapeActions, type PanelShape } from "./panel/group-panel";
import { HostPortsPanel } from "./panel/host-ports-panel";
import { NetworkPanel } from "./panel/network-panel";
import { RegionPanel, ServicePanel, SwarmSandboxPanel, TaskPanel } from "./panel/swarm-panels";

type Props = {
  topology: Topology;
  selection: GraphTarget;
  onSelect(target: GraphTarget): void;
  onClose(): void;
  /** The map's grouping and focus: a group's panel, and the focus buttons. */
  shape?: PanelShape;
};

/** Details of whatever is selected, in `docker … inspect` terms. Esc is the page's shortcut (it leaves focus mode before it closes this). */
export function SidePanel({ topology, selection, onSelect, onClose, shape }: Props) {
  let body: React.ReactNode;
  const swarmSandbox = topology.sandboxes.find(
    (s) => s.id === selection.id && (s.kind === "ingress" || s.kind === "load-balancer"),
  );
  switch (selection.kind) {
    case "network":
      body = <NetworkPanel topology={topology} id={selection.id} onSelect={onSelect} />;
      break;
    case "sandbox":
      body = swarmSandbox ? (
        <SwarmSandboxPanel topology={topology} sandbox={swarmSandbox} onSelect={onSelect} />
      ) : (
        <SandboxPanel topology={topology} id={selection.id} onSelect={onSelect} />
      );
      break;
    case "container":
      body = <ContainerBody topology={topology} id={selection.id} onSelect={onSelect} />;
      break;
    case "endpoint":
      body = <EndpointPanel topology={topology} id={selection.id} onSelect={onSelect} />;
      break;
    case "hostPorts":
      body = <HostPortsPanel topology={topology} boxId={selection.id} onSelect={onSelect} />;
      break;
    case "service":
      body = <ServicePanel topology={topology} id={selection.id} onSelect={onSelect} />;
      break;
    case "task":
      body = <TaskPanel topology={topology} id={selection.id} onSelect={onSelect} />;
      break;
    case "region":
      body = <RegionPanel topology={topology} id={selection.id} onSelect={onSelect} />;
      break;
    case "group":
      body = shape && (
        <GroupPanel topology={topology} id={selection.id} shape={shape} onSelect={onSelect} />
      );
      break;
  }

  return (
    <aside
      data-testid="side-panel"
      data-kind={selection.kind}
      aria-label="Details"
      className="relative flex h-full flex-col overflow-hidden rounded-lg border border-slate-700/80 bg-slate-900/95 shadow-2xl backdrop-blur"
    >
      <button
        type="button"
        data-testid="side-panel-close"
        onClick={onClose}
        aria-label="Close details"
        title="Close (Esc)"
        className="absolute top-2 right-2 z-10 rounded p-1 text-slate-400 hover:bg-slate-800 hover:text-slate-100"
      >
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden>
          <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" />
        </svg>
      </button>
      {/* Keyed by the selection so each object's view starts scrolled to the top. */}
      <div
        key={`${selection.kind}:${selection.id}`}
        className="min-h-0 flex-1 overflow-y-auto pb-4"
      >
        {shape && (
          <ShapeActions
            topology={topology}
            selection={selection}
            shape={shape}
            onSelect={onSelect}
          />
        )}
        {body}
      </div>
    </aside>
  );
}
