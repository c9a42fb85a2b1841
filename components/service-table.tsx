"use client";

import { containerIsSelected, type GraphTarget } from "@/lib/graph/selection";
import {
  isCurrentTask,
  runningTaskCount,
  serviceState,
  swarmNodeOfRegion,
  taskProblems,
} from "@/lib/graph/swarm-graph";
import type { Topology } from "@/lib/topology/types";
import { rowKeys, TABLE_CLASSES } from "./table-ui";

type Props = {
  topology: Topology;
  region: string | null;
  query: string;
  selection: GraphTarget | null;
  onSelect(target: GraphTarget): void;
};

/** Swarm services, with their replicas and what is wrong; none outside a swarm. */
export function ServiceTable({ topology, region, query, selection, onSelect }: Props) {
  if (topology.services.length === 0) return null;
  const node = region ? swarmNodeOfRegion(topology, region) : undefined;
  const q = query.trim().toLowerCase();
  const services = topology.services
    .filter(
      (s) =>
        region === null ||
        topology.tasks.some(
          (t) => t.serviceId === s.id && isCurrentTask(t) && t.nodeId === node?.id,
        ),
    )
    .filter((s) => q === "" || s.name.toLowerCase().includes(q) || s.image.includes(q))
    .sort((a, b) => a.name.localeCompare(b.name));
  const { th, rowBase, selected, caption } = TABLE_CLASSES;
  return (
    <table className="mt-2 w-full table-fixed text-[12.5px]" data-testid="service-table">
      <caption className={caption}>
        Services <span className="text-slate-600">({services.length})</span>
      </caption>
      <thead>
        <tr>
          <th className={`${th} w-[38%] pl-3`}>Name</th>
          <th className={`${th}`}>Tasks</th>
          <th className={`${th} pr-3`}>Ports</th>
        </tr>
      </thead>
      <tbody>
        {services.map((s) => {
          const problems = taskProblems(topology, s);
          const isSelected =
            (selection?.kind === "service" && selection.id === s.id) ||
            topology.tasks.some(
              (t) =>
                t.serviceId === s.id &&
                t.containerId !== null &&
                containerIsSelected(topology, selection, t.containerId),
            );
          const state = serviceState(s, runningTaskCount(topology, s));
          return (
            <tr
              key={s.id}
              data-testid="service-row"
              data-name={s.name}
              aria-selected={isSelected}
              className={`${rowBase} ${isSelected ? selected : ""} ${
                problems.length > 0 ? "bg-rose-950/30 shadow-[inset_2px_0_0_0_#f43f5e]" : ""
              }`}
              {...rowKeys(() => onSelect({ kind: "service", id: s.id }))}
            >
              <td className="truncate py-1.5 pr-2 pl-3 font-medium text-slate-100" title={s.image}>
                {s.name}
                {problems.length > 0 && (
                  <span
                    className="ml-1.5 text-rose-400"
                    title={problems.map((p) => `${p.label}: ${p.error}`).join("\n")}
                  >
                    ⚠
                  </span>
                )}
              </td>
              <td className="truncate py-1.5 pr-2 text-slate-300" title={state}>
                {state}
              </td>
              <td className="truncate py-1.5 pr-3 font-mono text-[11.5px] text-amber-200/90">
                {s.ports
                  .map((p) => `${p.publishedPort ?? "—"}→${p.targetPort}/${p.protocol}`)
                  .join(", ") || <span className="font-sans text-slate-500">—</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
