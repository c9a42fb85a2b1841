"use client";

import { useMemo } from "react";
import { driverStyleOf } from "@/lib/graph/drivers";
import { networkRevision } from "@/lib/graph/entity-revision";
import { stripCidr } from "@/lib/graph/format";
import type { GraphTarget } from "@/lib/graph/selection";
import type { Topology } from "@/lib/topology/types";
import { useNetworkDetails, type NetworkDetails } from "@/lib/client/use-network-details";
import { driverSymbolPath } from "../graph/driver-symbols";
import { HUB_OUTLINE } from "../graph/graph-style";
import { ConnectToNetworkAction, RemoveNetworkAction } from "../manage/panel-actions";
import {
  Facts,
  Flag,
  Jump,
  KeyValueTable,
  Mono,
  Muted,
  GoneNotice,
  Notice,
  RawInspect,
  Section,
} from "./panel-ui";

type Props = { topology: Topology; id: string; onSelect(target: GraphTarget): void };

/** The `docker network inspect` facts of one network, live from the API. */
export function NetworkPanel({ topology, id, onSelect }: Props) {
  const revision = useMemo(() => networkRevision(topology, id), [topology, id]);
  const { data, error } = useNetworkDetails(id, revision);
  // The live topology is the truth about what exists and how it is attached; the API adds the
  // raw inspect, refetched whenever the topology changes this network.
  const network = topology.networks.find((n) => n.id === id);
  if (!network) return <GoneNotice what="network" />;
  const endpoints: NetworkDetails["endpoints"] = topology.endpoints
    .filter((e) => e.networkId === id)
    .map((e) => ({
      ...e,
      containerName: topology.containers.find((c) => c.id === e.containerId)?.name ?? e.containerId,
    }));
  const style = driverStyleOf(network.driver);

  return (
    <>
      <div className="flex items-start gap-3 px-4 pt-3 pb-3">
        <svg width="28" height="28" viewBox="-14 -14 28 28" aria-hidden className="mt-0.5 shrink-0">
          <path d={driverSymbolPath(style.symbol, 260)} fill={style.color} stroke={HUB_OUTLINE} />
        </svg>
        <div className="min-w-0">
          <p className="text-[11px] font-semibold tracking-wider text-slate-500 uppercase">
            Network · {network.driver}
          </p>
          <h2 className="truncate text-lg font-semibold text-slate-50" title={network.name}>
            {network.name}
          </h2>
        </div>
      </div>
      {error && error.status !== 404 && (
        <div className="px-4 pb-3">
          <Notice tone="error">Details unavailable: {error.message}</Notice>
        </div>
      )}
      {error?.status === 404 && <GoneNotice what="network" />}
      <Section title="Network">
        <Facts
          rows={[
            ["ID", <Mono key="id">{network.id}</Mono>],
            ["Driver", network.driver],
            ["Scope", network.scope],
            ["IPAM driver", network.ipamDriver || <Muted key="i">—</Muted>],
            ["Created", network.created ? new Date(network.created).toLocaleString() : "—"],
          ]}
        />
        <div className="mt-2 flex flex-wrap gap-1.5">
          <Flag on={network.internal} label="internal" />
          <Flag on={network.attachable} label="attachable" />
          <Flag on={network.ipv6} label="IPv6" />
          <Flag on={network.ingress} label="ingress" />
          <Flag on={network.predefined} label="predefined" />
        </div>
        {network.internal && (
          <p className="mt-2 text-xs text-slate-400">
            Internal: containers on it reach each other but have no route to the outside.
          </p>
        )}
      </Section>
      <Section title="IPAM">
        {network.subnets.length === 0 ? (
          <p className="text-sm text-slate-500">No subnets (this driver does no IP management).</p>
        ) : (
          <table className="w-full text-left text-[12px]">
            <thead className="text-slate-500">
              <tr>
                <th className="pb-1 font-medium">Subnet</th>
                <th className="pb-1 font-medium">Gateway</th>
                <th className="pb-1 font-medium">IP range</th>
              </tr>
            </thead>
            <tbody className="font-mono text-slate-200">
              {network.subnets.map((s) => (
                <tr key={s.subnet}>
                  <td className="py-0.5 pr-2">{s.subnet}</td>
                  <td className="py-0.5 pr-2">{s.gateway ?? "—"}</td>
                  <td className="py-0.5">{s.ipRange ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section title={`Endpoints (${endpoints.length})`}>
        {endpoints.length === 0 ? (
          <p className="text-sm text-slate-500">No container is attached.</p>
        ) : (
          <ul className="space-y-2" data-testid="network-endpoints">
            {endpoints.map((e) => (
              <li key={e.id} className="rounded bg-slate-800/50 px-2.5 py-1.5 text-[12px]">
                <div className="flex items-baseline justify-between gap-2">
                  <Jump onClick={() => onSelect({ kind: "container", id: e.containerId })}>
                    {e.containerName}
                  </Jump>
                  <Mono>{e.ipv4Address ?? e.ipv6Address ?? "no address"}</Mono>
                </div>
                <div className="mt-0.5 grid grid-cols-[max-content_1fr] gap-x-3 text-slate-400">
                  {e.ipv6Address && e.ipv4Address && (
                    <>
                      <span>IPv6</span>
                      <Mono>{e.ipv6Address}</Mono>
                    </>
                  )}
                  <span>MAC</span>
                  <Mono>{e.macAddress ?? "—"}</Mono>
                  <span>Aliases</span>
                  <span className="font-mono break-all text-slate-300">
                    {e.aliases.length > 0 ? e.aliases.join(", ") : "—"}
                  </span>
                  <span>Endpoint</span>
                  <button
                    type="button"
                    className="text-left font-mono break-all text-slate-300 hover:text-sky-300"
                    onClick={() => onSelect({ kind: "endpoint", id: e.id })}
                    title={e.id}
                  >
                    {e.id.slice(0, 12)}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
        {endpoints.some((e) => e.ipv4Address) && (
          <p className="mt-2 text-[11px] text-slate-500">
            Addresses in use:{" "}
            {endpoints
              .map((e) => e.ipv4Address)
              .filter((a): a is string => a !== null)
              .map(stripCidr)
              .join(", ")}
          </p>
        )}
        <ConnectToNetworkAction network={network} />
      </Section>
      <Section title="Options">
        <KeyValueTable data={network.options} empty="No driver options." />
      </Section>
      <Section title="Labels">
        <KeyValueTable data={network.labels} empty="No labels." />
      </Section>
      <RemoveNetworkAction topology={topology} network={network} />
      {data && (
        <Section title="Raw">
          <RawInspect data={data.inspect} title="docker network inspect" />
        </Section>
      )}
    </>
  );
}
