"use client";

import { useMemo } from "react";
import { containerRevision } from "@/lib/graph/entity-revision";
import {
  describeNetworkMode,
  describeStatus,
  exposedOnlyPorts,
  findContainerByRef,
  publishedPortLines,
  shortId,
} from "@/lib/graph/format";
import type { GraphTarget } from "@/lib/graph/selection";
import {
  HOST_SANDBOX_ID,
  type Container,
  type Endpoint,
  type Topology,
} from "@/lib/topology/types";
import { useContainerDetails } from "@/lib/client/use-container-details";
import { containerRef } from "@/lib/graph/reach-question";
import { HOST_REF } from "@/lib/topology/reach-parties";
import { ConnectContainerAction } from "../manage/panel-actions";
import { ReachFromHere } from "../reach/reach-from-here";
import {
  Facts,
  Jump,
  Mono,
  Muted,
  GoneNotice,
  Notice,
  RawInspect,
  Section,
  StateBadge,
  type FactRow,
} from "./panel-ui";

type Select = (target: GraphTarget) => void;

function EndpointList({
  endpoints,
  topology,
  onSelect,
}: {
  endpoints: Endpoint[];
  topology: Topology;
  onSelect: Select;
}) {
  if (endpoints.length === 0) {
    return <p className="text-sm text-slate-500">No endpoints: not attached to any network.</p>;
  }
  return (
    <ul className="space-y-2">
      {endpoints.map((e) => {
        const network = topology.networks.find((n) => n.id === e.networkId);
        return (
          <li key={e.id} className="rounded bg-slate-800/50 px-2.5 py-1.5 text-[12px]">
            <div className="flex items-baseline justify-between gap-2">
              <Jump onClick={() => onSelect({ kind: "network", id: e.networkId })}>
                {network?.name ?? shortId(e.networkId)}
              </Jump>
              <button
                type="button"
                className="font-mono text-[11px] text-slate-400 hover:text-sky-300"
                title={`endpoint ${e.id}`}
                onClick={() => onSelect({ kind: "endpoint", id: e.id })}
              >
                endpoint {shortId(e.id)}
              </button>
            </div>
            <div className="mt-0.5 grid grid-cols-[max-content_1fr] gap-x-3 text-slate-400">
              <span>IPv4</span>
              <Mono>{e.ipv4Address ?? "—"}</Mono>
              <span>IPv6</span>
              <Mono>{e.ipv6Address ?? "—"}</Mono>
              <span>MAC</span>
              <Mono>{e.macAddress ?? "—"}</Mono>
              <span>Aliases</span>
              <span className="font-mono break-all text-slate-300">
                {e.aliases.length > 0 ? e.aliases.join(", ") : "—"}
              </span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** A container's endpoints: those of the namespace it lives in (a joiner uses its owner's). */
function endpointsOf(topology: Topology, container: Container): Endpoint[] {
  if (!container.sandboxId) return [];
  if (container.sandboxId === HOST_SANDBOX_ID) {
    return topology.endpoints.filter((e) => e.containerId === container.id);
  }
  return topology.endpoints.filter((e) => e.sandboxId === container.sandboxId);
}

function NetworkModeLine({
  container,
  topology,
  onSelect,
}: {
  container: Container;
  topology: Topology;
  onSelect: Select;
}) {
  const mode = container.networkMode;
  const target = mode.startsWith("container:")
    ? findContainerByRef(mode.slice("container:".length), topology.containers)
    : undefined;
  return (
    <span>
      <Mono>{mode.startsWith("container:") ? `container:${shortId(mode.slice(10))}` : mode}</Mono>
      <span className="block text-xs text-slate-400" data-testid="network-mode-explanation">
        {target ? (
          <>
            shares the network namespace of{" "}
            <Jump onClick={() => onSelect({ kind: "container", id: target.id })}>
              {target.name}
            </Jump>
          </>
        ) : (
          describeNetworkMode(mode, topology.containers)
        )}
      </span>
    </span>
  );
}

/** Its engine when there are several, and the swarm service and task it runs, when it is one. */
function swarmFacts(topology: Topology, container: Container, onSelect: Select): FactRow[] {
  const rows: FactRow[] = [];
  if (topology.engines.length > 1) {
    rows.push([
      "Engine",
      <Jump key="en" onClick={() => onSelect({ kind: "region", id: container.engineId })}>
        {container.engineId}
      </Jump>,
    ]);
  }
  const service = topology.services.find((s) => s.id === container.serviceId);
  if (container.serviceId) {
    rows.push([
      "Service",
      service ? (
        <Jump key="sv" onClick={() => onSelect({ kind: "service", id: service.id })}>
          {service.name}
        </Jump>
      ) : (
        <Mono key="sv">{shortId(container.serviceId)}</Mono>
      ),
    ]);
  }
  const taskId = container.taskId;
  if (taskId) {
    rows.push([
      "Task",
      topology.tasks.some((t) => t.id === taskId) ? (
        <Jump key="tk" onClick={() => onSelect({ kind: "task", id: taskId })}>
          <span className="font-mono text-[12px]">{shortId(taskId)}</span>
        </Jump>
      ) : (
        <Mono key="tk">{shortId(taskId)}</Mono>
      ),
    ]);
  }
  return rows;
}

/** Everything about one container's networking: the body of the container and sandbox views. */
export function ContainerBody({
  topology,
  id,
  onSelect,
  embedded = false,
}: {
  topology: Topology;
  id: string;
  onSelect: Select;
  /** Inside a sandbox view, which already has the header and the endpoints. */
  embedded?: boolean;
}) {
  const revision = useMemo(() => containerRevision(topology, id), [topology, id]);
  const { data, error } = useContainerDetails(id, revision);
  // The live topology is the truth about the container and its endpoints; the API adds the raw
  // inspect (and hostname), refetched whenever the topology changes this container.
  const container = topology.containers.find((c) => c.id === id);
  if (!container) return <GoneNotice what="container" />;
  const endpoints = endpointsOf(topology, container);
  const sandbox = topology.sandboxes.find((s) => s.id === container.sandboxId);
  const others = (sandbox?.containerIds ?? []).filter((cid) => cid !== container.id);
  const published = publishedPortLines(container.ports);
  const exposed = exposedOnlyPorts(container.ports);
  // A joiner cannot publish ports itself; the owner's published ports reach it too.
  const ownerId = sandbox && sandbox.kind === "container" ? sandbox.containerIds[0] : undefined;
  const owner =
    ownerId && ownerId !== container.id
      ? topology.containers.find((c) => c.id === ownerId)
      : undefined;
  const viaOwner = owner ? publishedPortLines(owner.ports) : [];
  const hostname = data && typeof data.inspect.Hostname === "string" ? data.inspect.Hostname : null;

  const facts: FactRow[] = [
    ["ID", <Mono key="id">{container.id}</Mono>],
    ["State", <StateBadge key="s" state={container.state} />],
    ["Status", describeStatus(container, Date.parse(topology.generatedAt))],
    ["Image", <Mono key="img">{container.image}</Mono>],
    [
      "Network mode",
      <NetworkModeLine key="nm" container={container} topology={topology} onSelect={onSelect} />,
    ],
  ];
  if (container.exitCode !== null && container.state !== "running") {
    facts.push(["Exit code", String(container.exitCode)]);
  }
  facts.push(...swarmFacts(topology, container, onSelect));
  if (hostname) facts.push(["Hostname", <Mono key="h">{hostname}</Mono>]);
  facts.push([
    "Sandbox",
    container.sandboxId ? (
      <Jump key="sb" onClick={() => onSelect({ kind: "sandbox", id: container.sandboxId! })}>
        <span className="font-mono text-[12px]">
          {container.sandboxId === HOST_SANDBOX_ID ? "host" : shortId(container.sandboxId)}
        </span>
      </Jump>
    ) : (
      <Muted key="sb">none (not running)</Muted>
    ),
  ]);
  if (others.length > 0) {
    facts.push([
      "Shared with",
      <span key="sw" className="flex flex-wrap gap-x-2">
        {others.map((cid) => (
          <Jump key={cid} onClick={() => onSelect({ kind: "container", id: cid })}>
            {topology.containers.find((c) => c.id === cid)?.name ?? shortId(cid)}
          </Jump>
        ))}
      </span>,
    ]);
  }

  return (
    <>
      {!embedded && (
        <div className="px-4 pt-3 pb-3">
          <p className="text-[11px] font-semibold tracking-wider text-slate-500 uppercase">
            Container
          </p>
          <h2 className="truncate text-lg font-semibold text-slate-50" title={container.name}>
            {container.name}
          </h2>
        </div>
      )}
      {container.networkWarning && (
        <div className="px-4 pb-3" data-testid="container-network-warning">
          <Notice tone="warning">{container.networkWarning}</Notice>
        </div>
      )}
      {container.error && (
        <div className="px-4 pb-3" data-testid="container-error" role="alert">
          <Notice tone="error">
            <p className="font-semibold">
              {container.sandboxId === null
                ? `Docker could not start ${container.name}`
                : "Docker reported an error"}
            </p>
            <p className="mt-1 font-mono text-[12.5px] break-words">{container.error}</p>
            {container.sandboxId === null && container.networkNames.length > 0 && (
              <p className="mt-1.5 text-xs text-rose-200/80">
                It stays {container.state} with no network namespace. Networks it is configured for:{" "}
                {container.networkNames.join(", ")}.
              </p>
            )}
          </Notice>
        </div>
      )}
      {error && (
        <div className="px-4 pb-3">
          <Notice tone={error.status === 404 ? "info" : "error"}>
            {error.status === 404
              ? "This container is no longer on the engine."
              : `Details unavailable: ${error.message}`}
          </Notice>
        </div>
      )}
      <Section title={embedded ? `Owner: ${container.name}` : "Container"}>
        <Facts rows={facts} />
      </Section>
      {!embedded && (
        <Section title={`Endpoints (${endpoints.length})`}>
          {container.sandboxId === null ? (
            <>
              <p className="text-sm text-slate-500">
                Not running, so no sandbox and no endpoints. Configured networks:
              </p>
              <p className="mt-1 flex flex-wrap gap-x-2 text-sm">
                {container.networkNames.length === 0 ? (
                  <Muted>none</Muted>
                ) : (
                  container.networkNames.map((name) => {
                    const network = topology.networks.find((n) => n.name === name);
                    return network ? (
                      <Jump
                        key={name}
                        onClick={() => onSelect({ kind: "network", id: network.id })}
                      >
                        {name}
                      </Jump>
                    ) : (
                      <Mono key={name}>{name}</Mono>
                    );
                  })
                )}
              </p>
            </>
          ) : (
            <EndpointList endpoints={endpoints} topology={topology} onSelect={onSelect} />
          )}
        </Section>
      )}
      {!embedded && <ReachFromHere fromRef={containerRef(container)} label="Can this reach…?" />}
      {!embedded && <ConnectContainerAction topology={topology} container={container} />}
      <Section title="Published ports">
        {published.length === 0 ? (
          <p className="text-sm text-slate-500">
            {viaOwner.length > 0 ? "None of its own." : "None published on the host."}
          </p>
        ) : (
          <ul className="space-y-0.5 font-mono text-[12px] text-amber-200">
            {published.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
        {owner && viaOwner.length > 0 && (
          <p className="mt-1 text-xs text-slate-400">
            Published on{" "}
            <Jump onClick={() => onSelect({ kind: "container", id: owner.id })}>{owner.name}</Jump>,
            whose namespace it shares:{" "}
            <span className="font-mono text-amber-200/80">{viaOwner.join(", ")}</span>
          </p>
        )}
        {exposed.length > 0 && (
          <p className="mt-1 text-xs text-slate-400">
            Exposed only (reachable from its networks, not the host): {exposed.join(", ")}
          </p>
        )}
      </Section>
      {data && (
        <Section title="Raw">
          <RawInspect data={data.inspect} title="docker inspect (network fields)" />
        </Section>
      )}
    </>
  );
}

/** A network namespace (CNM sandbox): its containers, its endpoints, and its owner's details. */
export function SandboxPanel({
  topology,
  id,
  onSelect,
}: {
  topology: Topology;
  id: string;
  onSelect: Select;
}) {
  const sandbox = topology.sandboxes.find((s) => s.id === id);
  if (!sandbox) {
    return (
      <div className="px-4 py-3">
        <Notice tone="info">This network namespace no longer exists.</Notice>
      </div>
    );
  }
  const members = sandbox.containerIds.map(
    (cid) => topology.containers.find((c) => c.id === cid) ?? null,
  );
  const endpoints = topology.endpoints.filter((e) => e.sandboxId === id);
  const isHost = sandbox.kind === "host";
  const owner = sandbox.containerIds[0];
  const ownerContainer = isHost ? undefined : (members[0] ?? undefined);

  return (
    <>
      <div className="px-4 pt-3 pb-3">
        <p className="text-[11px] font-semibold tracking-wider text-slate-500 uppercase">
          {isHost ? "Host" : "Sandbox · network namespace"}
        </p>
        <h2 className="text-lg font-semibold text-slate-50">
          {isHost ? "host network namespace" : members.map((m) => m?.name ?? "?").join(" + ")}
        </h2>
        {isHost ? (
          <p className="mt-1 text-xs text-slate-400">
            Containers run with <Mono>--network host</Mono> have no sandbox of their own: each uses
            the host&apos;s network stack, its interfaces, addresses and ports.
          </p>
        ) : (
          members.length > 1 && (
            <p className="mt-1 text-xs text-slate-400">
              One namespace, {members.length} containers: the others joined the owner&apos;s with{" "}
              <Mono>--network container:…</Mono> and share its interfaces, IPs and ports.
            </p>
          )
        )}
      </div>
      <Section title={`Containers (${members.length})`}>
        <ul className="space-y-1 text-sm">
          {members.map((m, i) => (
            <li key={sandbox.containerIds[i]} className="flex items-center justify-between gap-2">
              <span className="flex items-center gap-2">
                {m ? (
                  <Jump onClick={() => onSelect({ kind: "container", id: m.id })}>{m.name}</Jump>
                ) : (
                  <Mono>{shortId(sandbox.containerIds[i] ?? "")}</Mono>
                )}
                {!isHost && (
                  <span className="text-[11px] text-slate-500">{i === 0 ? "owner" : "joined"}</span>
                )}
              </span>
              {m && <StateBadge state={m.state} />}
            </li>
          ))}
        </ul>
        {!isHost && (
          <p className="mt-2 text-xs text-slate-500">
            Sandbox <Mono>{shortId(sandbox.id)}</Mono>
          </p>
        )}
      </Section>
      <Section title={`Endpoints (${endpoints.length})`}>
        <EndpointList endpoints={endpoints} topology={topology} onSelect={onSelect} />
      </Section>
      {isHost ? (
        <ReachFromHere fromRef={HOST_REF} label="Can the host reach…?" />
      ) : (
        ownerContainer && (
          <ReachFromHere fromRef={containerRef(ownerContainer)} label="Can this reach…?" />
        )
      )}
      {ownerContainer && <ConnectContainerAction topology={topology} container={ownerContainer} />}
      {!isHost && owner && (
        <ContainerBody topology={topology} id={owner} onSelect={onSelect} embedded />
      )}
    </>
  );
}
