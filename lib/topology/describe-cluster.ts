// Changes of the engines and the swarm in plain English, for the activity feed (see
// describe-patch.ts, which calls this). Pure.
import type { TopologyPatch } from "./patch";
import type { EngineEntry, Service, SwarmNode, Task, Topology } from "./types";

export type ClusterLine = { key: string; text: string; tone: "add" | "remove" | "change" };

function byId<T extends { id: string }>(list: readonly T[] | undefined): Map<string, T> {
  return new Map((list ?? []).map((e) => [e.id, e]));
}

const FAILED_TASK_STATES = new Set(["failed", "rejected", "orphaned"]);

function engineLine(old: EngineEntry | undefined, e: EngineEntry): ClusterLine | null {
  if (!old || old.status === e.status) return null;
  return e.status === "down"
    ? {
        key: `engine:${e.id}:down`,
        text: `engine ${e.id} unreachable${e.message ? `: ${e.message}` : ""}`,
        tone: "remove",
      }
    : { key: `engine:${e.id}:up`, text: `engine ${e.id} reachable again`, tone: "add" };
}

function nodeLine(old: SwarmNode | undefined, n: SwarmNode): ClusterLine | null {
  if (!old)
    return {
      key: `node:${n.id}:joined`,
      text: `node ${n.hostname} joined the swarm (${n.role})`,
      tone: "add",
    };
  if (old.availability !== n.availability) {
    return {
      key: `node:${n.id}:availability`,
      text: `node ${n.hostname} set to ${n.availability}`,
      tone: "change",
    };
  }
  if (old.state !== n.state) {
    return {
      key: `node:${n.id}:state`,
      text: `node ${n.hostname} is ${n.state}`,
      tone: n.state === "ready" ? "add" : "remove",
    };
  }
  if (old.role !== n.role) {
    return {
      key: `node:${n.id}:role`,
      text: `node ${n.hostname} is now a ${n.role}`,
      tone: "change",
    };
  }
  return null;
}

const running = (s: Service) =>
  s.replicas === null ? `${s.runningTasks} running` : `${s.runningTasks}/${s.replicas} running`;

function serviceLines(old: Service | undefined, s: Service): ClusterLine[] {
  if (!old) {
    return [
      {
        key: `service:${s.id}:created`,
        text: `service ${s.name} created (${s.mode}, ${s.endpointMode})`,
        tone: "add",
      },
    ];
  }
  const lines: ClusterLine[] = [];
  if (old.replicas !== s.replicas && s.replicas !== null) {
    lines.push({
      key: `service:${s.id}:scaled`,
      text: `service ${s.name} scaled to ${s.replicas}`,
      tone: "change",
    });
  }
  if (old.runningTasks !== s.runningTasks) {
    lines.push({
      key: `service:${s.id}:running`,
      text: `service ${s.name}: ${running(s)}`,
      tone: s.runningTasks > old.runningTasks ? "add" : "remove",
    });
  }
  return lines;
}

function taskLine(old: Task | undefined, t: Task, serviceName: string): ClusterLine | null {
  const failed = FAILED_TASK_STATES.has(t.state) || (t.error !== null && t.error !== old?.error);
  if (!failed || (old && old.state === t.state && old.error === t.error)) return null;
  const slot = t.slot !== null ? `.${t.slot}` : "";
  return {
    key: `task:${t.id}:failed`,
    text: `task ${serviceName}${slot} ${t.state}${t.error ? `: ${t.error}` : ""}`,
    tone: "remove",
  };
}

/** Engines up or down, nodes joining, drained or down, services created, scaled or removed, tasks failing. */
export function describeCluster(before: Topology, patch: TopologyPatch): ClusterLine[] {
  const { upserts, removals } = patch;
  const enginesBefore = byId(before.engines);
  const nodesBefore = byId(before.nodes);
  const servicesBefore = byId(before.services);
  const tasksBefore = byId(before.tasks);
  const serviceName = (id: string) =>
    upserts.services?.find((s) => s.id === id)?.name ??
    servicesBefore.get(id)?.name ??
    id.slice(0, 12);
  const lines: (ClusterLine | null)[] = [
    ...(upserts.engines ?? []).map((e) => engineLine(enginesBefore.get(e.id), e)),
    ...(upserts.nodes ?? []).map((n) => nodeLine(nodesBefore.get(n.id), n)),
    ...(removals.nodes ?? []).map((id) => {
      const n = nodesBefore.get(id);
      return n
        ? {
            key: `node:${id}:left`,
            text: `node ${n.hostname} left the swarm`,
            tone: "remove" as const,
          }
        : null;
    }),
    ...(upserts.services ?? []).flatMap((s) => serviceLines(servicesBefore.get(s.id), s)),
    ...(removals.services ?? []).map((id) => {
      const s = servicesBefore.get(id);
      return s
        ? {
            key: `service:${id}:removed`,
            text: `service ${s.name} removed`,
            tone: "remove" as const,
          }
        : null;
    }),
    ...(upserts.tasks ?? []).map((t) =>
      taskLine(tasksBefore.get(t.id), t, serviceName(t.serviceId)),
    ),
  ];
  return lines.filter((l): l is ClusterLine => l !== null);
}
