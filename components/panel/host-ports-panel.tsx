"use client";

import { formatPortMapping, hostIpOf, publishedPorts, stripCidr } from "@/lib/graph/format";
import type { GraphTarget } from "@/lib/graph/selection";
import type { Topology } from "@/lib/topology/types";
import { Jump, Mono, Section } from "./panel-ui";

type Props = {
  topology: Topology;
  /** The box whose port chip was clicked: its rows come first, marked. */
  boxId: string;
  onSelect(target: GraphTarget): void;
};

/** Every published port on the host, and where Docker forwards it. */
export function HostPortsPanel({ topology, boxId, onSelect }: Props) {
  const rows = topology.containers
    .filter((c) => c.sandboxId !== null)
    .sort((a, b) => Number(b.sandboxId === boxId) - Number(a.sandboxId === boxId))
    .flatMap((c) => {
      const addresses = topology.endpoints
        .filter((e) => e.sandboxId === c.sandboxId && e.ipv4Address)
        .map((e) => stripCidr(e.ipv4Address!));
      return publishedPorts(c.ports).map((p) => ({ container: c, port: p, addresses }));
    });

  return (
    <>
      <div className="px-4 pt-3 pb-3">
        <p className="text-[11px] font-semibold tracking-wider text-slate-500 uppercase">Host</p>
        <h2 className="text-lg font-semibold text-slate-50">Published ports</h2>
        <p className="mt-1 text-xs text-slate-400">
          DNAT from host IP:port to container port: Docker rewrites the destination of traffic
          reaching the host on that address to the container&apos;s IP and port on its network. An
          IPv6 binding (<Mono>[::]</Mono>) is a separate listener for the same mapping.
        </p>
      </div>
      <Section title={`Mappings (${rows.length})`}>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-500">No running container publishes a port.</p>
        ) : (
          <table className="w-full text-left text-[12px]" data-testid="host-port-mappings">
            <thead className="text-slate-500">
              <tr>
                <th className="pb-1 font-medium">Container</th>
                <th className="pb-1 font-medium">Host</th>
                <th className="pb-1 font-medium">Container port</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ container, port, addresses }) => (
                <tr
                  key={`${container.id}:${formatPortMapping(port)}`}
                  data-testid="host-port-mapping"
                  data-current={container.sandboxId === boxId ? "true" : undefined}
                  className={`border-t border-slate-800/70 align-top ${container.sandboxId === boxId ? "bg-amber-400/10" : ""}`}
                >
                  <td className="py-1 pr-2">
                    <Jump onClick={() => onSelect({ kind: "container", id: container.id })}>
                      {container.name}
                    </Jump>
                  </td>
                  <td className="py-1 pr-2 font-mono text-amber-200">
                    {hostIpOf(port).includes(":") ? `[${hostIpOf(port)}]` : hostIpOf(port)}:
                    {port.publicPort}
                  </td>
                  <td className="py-1 font-mono text-slate-200">
                    {port.privatePort}/{port.type}
                    {addresses.length > 0 && (
                      <span className="block text-[11px] text-slate-500">
                        → {addresses.map((a) => `${a}:${port.privatePort}`).join(", ")}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </>
  );
}
