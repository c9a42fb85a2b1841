// What a container belongs to beyond its own namespace: its compose project, its stack, the node
// or engine it runs on. Pure, shared by the map's grouping, the page's address and the exports.
import type { Container, Topology } from "./types";

export const GROUP_BY = ["project", "stack", "node", "engine"] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export const COMPOSE_PROJECT_LABEL = "com.docker.compose.project";
export const STACK_NAMESPACE_LABEL = "com.docker.stack.namespace";

/** The group `container` falls in under `by`; null when it is in none (e.g. no such label). */
export function groupKeyOf(
  topology: Topology,
  container: Pick<Container, "engineId" | "labels">,
  by: GroupBy,
): string | null {
  switch (by) {
    case "project":
      return container.labels[COMPOSE_PROJECT_LABEL] || null;
    case "stack":
      return container.labels[STACK_NAMESPACE_LABEL] || null;
    case "node":
      // Outside a swarm the engine's own host name is its node's name.
      return (
        topology.nodes.find((n) => n.engineId === container.engineId)?.hostname ??
        topology.engines.find((e) => e.id === container.engineId)?.hostname ??
        null
      );
    case "engine":
      return container.engineId;
  }
}
