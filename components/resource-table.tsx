"use client";

import { useDeferredValue, useMemo, type Ref } from "react";
import { createDriverMatcher } from "@/lib/graph/driver-filter";
import { describeStatus, findContainerByRef, shortId, stripCidr } from "@/lib/graph/format";
import { failedToStart } from "@/lib/graph/graph-model";
import { createSearchIndex } from "@/lib/graph/search";
import { containerIsSelected, type GraphTarget } from "@/lib/graph/selection";
import { HOST_SANDBOX_ID, type Container, type Topology } from "@/lib/topology/types";
import { ServiceTable } from "./service-table";
import { ContainerRow, NetworkRow } from "./resource-rows";
import { TABLE_CLASSES } from "./table-ui";

type Props = {
  topology: Topology;
  showStopped: boolean;
  /** Only this engine's rows (and the swarm networks it is on); null for every engine. */
  region?: string | null;
  /** Only networks of these drivers, and the containers on them; empty for every driver. */
  drivers?: readonly string[];
  selection: GraphTarget | null;
  onSelect(target: GraphTarget): void;
  query: string;
  onQueryChange(query: string): void;
  searchRef?: Ref<HTMLInputElement>;
};

const NO_DRIVERS: readonly string[] = [];

/** What to show in the address column: the IPs, or why there are none. */
/** Each sandbox's addresses, found once: per row, a scan of every endpoint was quadratic. */
function addressesBySandbox(topology: Topology): Map<string, string[]> {
  const ips = new Map<string, string[]>();
  for (const e of topology.endpoints) {
    const address = e.ipv4Address ?? e.ipv6Address;
    if (address === null) continue;
    const list = ips.get(e.sandboxId) ?? [];
    list.push(stripCidr(address));
    ips.set(e.sandboxId, list);
  }
  return ips;
}

function addressSummary(addresses: Map<string, string[]>, container: Container): string {
  if (!container.sandboxId) return "—";
  if (container.sandboxId === HOST_SANDBOX_ID) return "host stack";
  const ips = addresses.get(container.sandboxId) ?? [];
  if (ips.length > 0) return ips.join(", ");
  if (container.networkMode === "none") return "loopback only";
  return "—";
}

/**
 * Rows a table shows before asking for a search: a 2,000-row table is read by searching, not
 * scrolling, and rendering every row on every live change cost a big map hundreds of ms.
 */
export const TABLE_ROWS_SHOWN = 300;

/** The first `TABLE_ROWS_SHOWN` rows, and the selected one wherever it is. */
function shownRows<T extends { id: string }>(rows: T[], isSelected: (row: T) => boolean): T[] {
  if (rows.length <= TABLE_ROWS_SHOWN) return rows;
  const head = rows.slice(0, TABLE_ROWS_SHOWN);
  const chosen = rows.slice(TABLE_ROWS_SHOWN).filter(isSelected);
  return [...head, ...chosen];
}

function modeHint(topology: Topology, container: Container): string | null {
  if (!container.networkMode.startsWith("container:")) return null;
  const owner = findContainerByRef(container.networkMode.slice(10), topology.containers);
  return `netns of ${owner?.name ?? shortId(container.networkMode.slice(10))}`;
}

/** Networks and containers as tables, searchable; a row click selects like a graph click. */
export function ResourceTable({
  topology: liveTopology,
  showStopped,
  region = null,
  drivers = NO_DRIVERS,
  selection,
  onSelect,
  query,
  onQueryChange,
  searchRef,
}: Props) {
  // A live change reaches the map first; the table (hundreds of rows) follows in a render of its
  // own, which React may interrupt.
  const topology = useDeferredValue(liveTopology);
  const index = useMemo(() => createSearchIndex(topology, query), [topology, query]);
  const byDriver = useMemo(() => createDriverMatcher(topology, drivers), [topology, drivers]);
  const manyEngines = topology.engines.length > 1;
  const onRegion = (engineId: string | null) => region === null || engineId === region;
  const networks = topology.networks
    .filter(
      (n) =>
        onRegion(n.engineId) ||
        (n.engineId === null &&
          topology.endpoints.some((e) => e.networkId === n.id && e.engineId === region)),
    )
    .filter(byDriver.networkMatches)
    .filter(index.networkMatches)
    .sort((a, b) => a.name.localeCompare(b.name));
  const containers = topology.containers
    // A container Docker could not start is listed even with Show stopped off: it is news.
    .filter((c) => showStopped || c.sandboxId !== null || failedToStart(c))
    .filter((c) => onRegion(c.engineId))
    .filter(byDriver.containerMatches)
    .filter(index.containerMatches)
    .sort((a, b) => a.name.localeCompare(b.name));
  const now = Date.parse(topology.generatedAt);
  const addresses = useMemo(() => addressesBySandbox(topology), [topology]);
  const shownContainers = shownRows(containers, (c) =>
    containerIsSelected(topology, selection, c.id),
  );
  const endpointCount = new Map<string, number>();
  for (const e of topology.endpoints) {
    endpointCount.set(e.networkId, (endpointCount.get(e.networkId) ?? 0) + 1);
  }

  const { th } = TABLE_CLASSES;

  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="border-b border-slate-800 p-3">
        <label className="relative block">
          <span className="sr-only">Search networks and containers</span>
          <svg
            className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-slate-500"
            width="14"
            height="14"
            viewBox="0 0 16 16"
            aria-hidden
          >
            <circle cx="7" cy="7" r="5" fill="none" stroke="currentColor" strokeWidth="1.6" />
            <path d="M11 11l3.5 3.5" stroke="currentColor" strokeWidth="1.6" />
          </svg>
          <input
            ref={searchRef}
            data-testid="search"
            type="search"
            value={query}
            onChange={(event) => onQueryChange(event.target.value)}
            onKeyDown={(event) => {
              // Enter takes the first hit, in the order listed, as a click on its row would.
              if (event.key !== "Enter" || query.trim() === "") return;
              const network = networks[0];
              const container = containers[0];
              if (network) onSelect({ kind: "network", id: network.id });
              else if (container) onSelect({ kind: "container", id: container.id });
            }}
            placeholder="Search name, id, driver, IP, image…"
            className="w-full rounded-md border border-slate-700 bg-slate-950 py-1.5 pr-2 pl-8 text-sm text-slate-100 placeholder:text-slate-500 focus:border-sky-500 focus:ring-1 focus:ring-sky-500 focus:outline-none"
          />
        </label>
      </div>
      <div className="min-h-0 flex-1 overflow-auto">
        <table className="w-full table-fixed text-[12.5px]" data-testid="network-table">
          <caption className="px-3 pt-3 pb-1 text-left text-[11px] font-semibold tracking-wider text-slate-400 uppercase">
            Networks <span className="text-slate-600">({networks.length})</span>
          </caption>
          <thead>
            <tr>
              <th className={`${th} w-[38%] pl-3`}>Name</th>
              {manyEngines && <th className={`${th} w-[16%]`}>Engine</th>}
              <th className={`${th} w-[22%]`}>Driver</th>
              <th className={th}>Subnet</th>
              <th className={`${th} w-9 pr-3 text-right`} title="Endpoints">
                #
              </th>
            </tr>
          </thead>
          <tbody>
            {networks.map((n) => (
              <NetworkRow
                key={n.id}
                network={n}
                endpoints={endpointCount.get(n.id) ?? 0}
                isSelected={selection?.kind === "network" && selection.id === n.id}
                manyEngines={manyEngines}
                onSelect={onSelect}
              />
            ))}
            {networks.length === 0 && (
              <tr>
                <td colSpan={manyEngines ? 5 : 4} className="px-3 py-2 text-slate-500">
                  No network matches.
                </td>
              </tr>
            )}
          </tbody>
        </table>

        <table className="mt-2 w-full table-fixed text-[12.5px]" data-testid="container-table">
          <caption className="px-3 pt-3 pb-1 text-left text-[11px] font-semibold tracking-wider text-slate-400 uppercase">
            Containers <span className="text-slate-600">({containers.length})</span>
          </caption>
          <thead>
            <tr>
              <th className={`${th} w-[38%] pl-3`}>Name</th>
              {manyEngines && <th className={`${th} w-[16%]`}>Engine</th>}
              <th className={`${th} w-[30%]`}>Image</th>
              <th className={`${th} pr-3`}>Addresses</th>
            </tr>
          </thead>
          <tbody>
            {shownContainers.map((c) => (
              <ContainerRow
                key={c.id}
                container={c}
                status={describeStatus(c, now)}
                hint={modeHint(topology, c)}
                addresses={addressSummary(addresses, c)}
                isSelected={containerIsSelected(topology, selection, c.id)}
                manyEngines={manyEngines}
                onSelect={onSelect}
              />
            ))}
            {containers.length === 0 && (
              <tr>
                <td colSpan={manyEngines ? 4 : 3} className="px-3 py-2 text-slate-500">
                  No container matches.
                </td>
              </tr>
            )}
            {shownContainers.length < containers.length && (
              <tr data-testid="container-rows-more">
                <td colSpan={manyEngines ? 4 : 3} className="px-3 py-2 text-slate-500">
                  {containers.length - shownContainers.length} more — search to narrow the list
                </td>
              </tr>
            )}
          </tbody>
        </table>
        <ServiceTable
          topology={topology}
          region={region}
          query={query}
          selection={selection}
          onSelect={onSelect}
        />
      </div>
    </div>
  );
}
