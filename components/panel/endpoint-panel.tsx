"use client";

import { shortId } from "@/lib/graph/format";
import type { GraphTarget } from "@/lib/graph/selection";
import { HOST_SANDBOX_ID, type Topology } from "@/lib/topology/types";
import { DisconnectAction } from "../manage/panel-actions";
import { Facts, Jump, Mono, Muted, Notice, Section } from "./panel-ui";

type Props = { topology: Topology; id: string; onSelect(target: GraphTarget): void };

/** One CNM endpoint: the attachment of a sandbox to a network, with its address. */
export function EndpointPanel({ topology, id, onSelect }: Props) {
  const endpoint =
    topology.endpoints.find((e) => e.id === id) ??
    // The graph keys an endpoint without an id by sandbox@network.
    topology.endpoints.find((e) => `${e.sandboxId}@${e.networkId}` === id);
  if (!endpoint) {
    return (
      <div className="px-4 py-3">
        <Notice tone="info">This endpoint no longer exists.</Notice>
      </div>
    );
  }
  const container = topology.containers.find((c) => c.id === endpoint.containerId);
  const network = topology.networks.find((n) => n.id === endpoint.networkId);
  const subnet = network?.subnets.find((s) => s.gateway)?.gateway;

  return (
    <>
      <div className="px-4 pt-3 pb-3">
        <p className="text-[11px] font-semibold tracking-wider text-slate-500 uppercase">
          Endpoint
        </p>
        <h2 className="text-lg font-semibold text-slate-50">
          {container?.name ?? shortId(endpoint.containerId)}
          <span className="text-slate-500"> on </span>
          {network?.name ?? shortId(endpoint.networkId)}
        </h2>
      </div>
      <Section title="Endpoint">
        <Facts
          rows={[
            ["Endpoint ID", <Mono key="id">{endpoint.id || "—"}</Mono>],
            ["IPv4", <Mono key="4">{endpoint.ipv4Address ?? "—"}</Mono>],
            ["IPv6", <Mono key="6">{endpoint.ipv6Address ?? "—"}</Mono>],
            ["MAC", <Mono key="m">{endpoint.macAddress ?? "—"}</Mono>],
            [
              "Aliases",
              endpoint.aliases.length > 0 ? (
                <Mono key="a">{endpoint.aliases.join(", ")}</Mono>
              ) : (
                <Muted key="a">none</Muted>
              ),
            ],
            ["Gateway", subnet ? <Mono key="g">{subnet}</Mono> : <Muted key="g">—</Muted>],
          ]}
        />
      </Section>
      <Section title="Attaches">
        <Facts
          rows={[
            [
              "Container",
              container ? (
                <Jump key="c" onClick={() => onSelect({ kind: "container", id: container.id })}>
                  {container.name}
                </Jump>
              ) : (
                <Mono key="c">{shortId(endpoint.containerId)}</Mono>
              ),
            ],
            [
              "Sandbox",
              <Jump key="s" onClick={() => onSelect({ kind: "sandbox", id: endpoint.sandboxId })}>
                <span className="font-mono text-[12px]">
                  {endpoint.sandboxId === HOST_SANDBOX_ID ? "host" : shortId(endpoint.sandboxId)}
                </span>
              </Jump>,
            ],
            [
              "Network",
              network ? (
                <Jump key="n" onClick={() => onSelect({ kind: "network", id: network.id })}>
                  {network.name} ({network.driver})
                </Jump>
              ) : (
                <Mono key="n">{shortId(endpoint.networkId)}</Mono>
              ),
            ],
          ]}
        />
      </Section>
      <DisconnectAction topology={topology} endpoint={endpoint} />
    </>
  );
}
