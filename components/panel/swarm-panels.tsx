"use client";

import { shortId } from "@/lib/graph/format";
import type { GraphTarget } from "@/lib/graph/selection";
import {
  isCurrentTask,
  nodeRegionId,
  runningTaskCount,
  serviceState,
  taskLabel,
  taskProblems,
} from "@/lib/graph/swarm-graph";
import type { Sandbox, Service, Task, Topology } from "@/lib/topology/types";
import { Facts, Jump, Mono, Muted, Notice, Section, StateBadge, type FactRow } from "./panel-ui";

type Select = (target: GraphTarget) => void;
type Props = { topology: Topology; id: string; onSelect: Select };

function Heading({ kind, title, sub }: { kind: string; title: string; sub?: string }) {
  return (
    <div className="px-4 pt-3 pb-3">
      <p className="text-[11px] font-semibold tracking-wider text-slate-500 uppercase">{kind}</p>
      <h2 className="truncate text-lg font-semibold text-slate-50" title={title}>
        {title}
      </h2>
      {sub && <p className="mt-0.5 text-sm text-slate-300">{sub}</p>}
    </div>
  );
}

function Gone({ what }: { what: string }) {
  return (
    <div className="px-4 py-3">
      <Notice tone="info">This {what} is no longer in the swarm.</Notice>
    </div>
  );
}

function NetworkJump({
  topology,
  id,
  onSelect,
}: { topology: Topology; id: string } & {
  onSelect: Select;
}) {
  const network = topology.networks.find((n) => n.id === id);
  return network ? (
    <Jump onClick={() => onSelect({ kind: "network", id })}>{network.name}</Jump>
  ) : (
    <Mono>{shortId(id)}</Mono>
  );
}

const ENDPOINT_MODES = {
  vip: "one virtual IP per network; the node's load balancer (IPVS) spreads connections over the tasks",
  dnsrr: "no virtual IP: the service name resolves to every task's own IP (DNS round-robin)",
} as const;

/** Where a task runs: its node's engine region, jumpable when Netlens has one. */
function nodeOf(topology: Topology, task: Task) {
  return task.nodeId ? topology.nodes.find((n) => n.id === task.nodeId) : undefined;
}

function TaskList({
  tasks,
  ...row
}: {
  tasks: Task[];
  topology: Topology;
  service: Service;
  onSelect: Select;
}) {
  return (
    <ul className="space-y-2">
      {tasks.map((t) => (
        <TaskRow key={t.id} {...row} task={t} />
      ))}
    </ul>
  );
}

function TaskRow({
  topology,
  service,
  task,
  onSelect,
}: {
  topology: Topology;
  service: Service;
  task: Task;
  onSelect: Select;
}) {
  const node = nodeOf(topology, task);
  const failed = task.state === "failed" || task.state === "rejected" || task.error !== null;
  return (
    <li
      data-testid="service-task"
      data-state={task.state}
      data-current={isCurrentTask(task)}
      className={`rounded px-2.5 py-1.5 text-[12px] ${failed ? "bg-rose-950/50" : "bg-slate-800/50"}`}
    >
      <div className="flex items-baseline justify-between gap-2">
        <Jump onClick={() => onSelect({ kind: "task", id: task.id })}>
          {taskLabel(service, task, node)}
        </Jump>
        <span className="flex items-center gap-1.5">
          {task.desiredState !== task.state && (
            <span className="text-[11px] text-slate-500">wants {task.desiredState}</span>
          )}
          <StateBadge state={task.state} />
        </span>
      </div>
      <div className="mt-0.5 grid grid-cols-[max-content_1fr] gap-x-3 text-slate-400">
        <span>Node</span>
        <span className="text-slate-300">
          {node?.hostname ?? (task.nodeId ? shortId(task.nodeId) : "not assigned")}
        </span>
        {task.addresses.map((a) => (
          <span key={a.networkId} className="contents">
            <NetworkJump topology={topology} id={a.networkId} onSelect={onSelect} />
            <Mono>{a.address}</Mono>
          </span>
        ))}
      </div>
      {task.error && (
        <p className="mt-1 font-mono text-[11.5px] break-words text-rose-300">{task.error}</p>
      )}
    </li>
  );
}

export function ServicePanel({ topology, id, onSelect }: Props) {
  const service = topology.services.find((s) => s.id === id);
  if (!service) return <Gone what="service" />;
  const running = runningTaskCount(topology, service);
  const tasks = topology.tasks.filter((t) => t.serviceId === id);
  const current = tasks.filter(isCurrentTask);
  const history = tasks.filter((t) => !isCurrentTask(t));
  const problems = taskProblems(topology, service);
  const facts: FactRow[] = [
    ["ID", <Mono key="id">{service.id}</Mono>],
    ["Image", <Mono key="img">{service.image}</Mono>],
    ["Mode", service.mode],
    [
      "Replicas",
      service.replicas === null
        ? `global: ${running} running`
        : `${running} running of ${service.replicas} wanted`,
    ],
    [
      "Endpoint mode",
      <span key="em">
        <Mono>{service.endpointMode}</Mono>
        <span className="block text-xs text-slate-400">{ENDPOINT_MODES[service.endpointMode]}</span>
      </span>,
    ],
  ];
  return (
    <>
      <Heading kind="Swarm service" title={service.name} sub={serviceState(service, running)} />
      {problems.length > 0 && (
        <div className="space-y-2 px-4 pb-3" data-testid="service-problems" role="alert">
          {problems.map((p) => (
            <Notice key={p.taskId} tone="error">
              <p className="font-semibold">
                {p.label} {p.state}
                {p.nodeHostname ? ` on ${p.nodeHostname}` : ""}
              </p>
              <p className="mt-1 font-mono text-[12.5px] break-words">{p.error}</p>
            </Notice>
          ))}
        </div>
      )}
      <Section title="Service">
        <Facts rows={facts} />
      </Section>
      <Section title={`Virtual IPs (${service.virtualIPs.length})`}>
        {service.virtualIPs.length === 0 ? (
          <p className="text-sm text-slate-500">
            {service.endpointMode === "dnsrr" ? "None: DNS round-robin." : "None."}
          </p>
        ) : (
          <ul className="space-y-0.5 text-sm">
            {service.virtualIPs.map((v) => (
              <li key={v.networkId} className="flex justify-between gap-2">
                <NetworkJump topology={topology} id={v.networkId} onSelect={onSelect} />
                <Mono>{v.address}</Mono>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={`Published ports (${service.ports.length})`}>
        {service.ports.length === 0 ? (
          <p className="text-sm text-slate-500">None: reachable only from its networks.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {service.ports.map((p) => (
              <li key={`${p.publishedPort}/${p.protocol}/${p.targetPort}`}>
                <span className="font-mono text-[12px] text-amber-200">
                  {p.publishedPort ?? "—"}→{p.targetPort}/{p.protocol}
                </span>{" "}
                <span className="text-xs text-slate-400">
                  {p.publishMode === "ingress"
                    ? "ingress: on every node, through the routing mesh"
                    : "host: only on the nodes that run a task"}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={`Tasks (${current.length})`}>
        {current.length === 0 ? (
          <p className="text-sm text-slate-500">No task is wanted now.</p>
        ) : (
          <TaskList tasks={current} topology={topology} service={service} onSelect={onSelect} />
        )}
        {history.length > 0 && (
          <details className="mt-2">
            <summary className="cursor-pointer text-xs text-slate-400 select-none hover:text-slate-200">
              {history.length} earlier task{history.length === 1 ? "" : "s"} (history)
            </summary>
            <div className="mt-2">
              <TaskList tasks={history} topology={topology} service={service} onSelect={onSelect} />
            </div>
          </details>
        )}
      </Section>
    </>
  );
}

export function TaskPanel({ topology, id, onSelect }: Props) {
  const task = topology.tasks.find((t) => t.id === id);
  if (!task) return <Gone what="task" />;
  const service = topology.services.find((s) => s.id === task.serviceId);
  const node = nodeOf(topology, task);
  const container = topology.containers.find((c) => c.id === task.containerId);
  const facts: FactRow[] = [
    ["ID", <Mono key="id">{task.id}</Mono>],
    [
      "Service",
      service ? (
        <Jump key="s" onClick={() => onSelect({ kind: "service", id: service.id })}>
          {service.name}
        </Jump>
      ) : (
        <Mono key="s">{shortId(task.serviceId)}</Mono>
      ),
    ],
    ["Slot", task.slot === null ? <Muted key="sl">global</Muted> : String(task.slot)],
    [
      "Node",
      node ? (
        <Jump
          key="n"
          onClick={() => onSelect({ kind: "region", id: node.engineId ?? nodeRegionId(node.id) })}
        >
          {node.hostname}
        </Jump>
      ) : (
        <Muted key="n">not assigned</Muted>
      ),
    ],
    ["State", <StateBadge key="st" state={task.state} />],
    ["Desired", task.desiredState],
    ["Message", task.message ?? <Muted key="m">—</Muted>],
    [
      "Container",
      container ? (
        <Jump key="c" onClick={() => onSelect({ kind: "container", id: container.id })}>
          {container.name}
        </Jump>
      ) : task.containerId ? (
        <span key="c">
          <Mono>{shortId(task.containerId)}</Mono>
          <span className="block text-xs text-slate-400">
            on a node whose engine Netlens does not reach
          </span>
        </span>
      ) : (
        <Muted key="c">none yet</Muted>
      ),
    ],
  ];
  return (
    <>
      <Heading kind="Swarm task" title={taskLabel(service, task, node)} />
      {task.error && (
        <div className="px-4 pb-3" role="alert">
          <Notice tone="error">
            <p className="font-mono text-[12.5px] break-words">{task.error}</p>
          </Notice>
        </div>
      )}
      <Section title="Task">
        <Facts rows={facts} />
      </Section>
      <Section title={`Addresses (${task.addresses.length})`}>
        <ul className="space-y-0.5 text-sm">
          {task.addresses.map((a) => (
            <li key={a.networkId} className="flex justify-between gap-2">
              <NetworkJump topology={topology} id={a.networkId} onSelect={onSelect} />
              <Mono>{a.address}</Mono>
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}

export function RegionPanel({ topology, id, onSelect }: Props) {
  const engine = topology.engines.find((e) => e.id === id);
  const node = topology.nodes.find((n) => n.engineId === id || nodeRegionId(n.id) === id);
  if (!engine && !node) return <Gone what="engine" />;
  const facts: FactRow[] = [];
  if (engine) {
    facts.push(
      ["Engine", <Mono key="e">{engine.id}</Mono>],
      ["Host name", engine.hostname ?? <Muted key="h">not reached yet</Muted>],
      ["Docker", engine.serverVersion ?? <Muted key="v">—</Muted>],
      ["Status", <StateBadge key="s" state={engine.status === "up" ? "running" : "dead"} />],
    );
  }
  if (node) {
    facts.push(
      ["Swarm node", <Mono key="n">{node.id}</Mono>],
      ["Role", node.role],
      ["Availability", node.availability],
      ["Node state", node.state],
      ["Address", <Mono key="a">{node.address || "—"}</Mono>],
    );
  } else if (engine) {
    facts.push(["Swarm", <Muted key="sw">not in a swarm</Muted>]);
  }
  if (engine?.swarm?.clusterId) {
    facts.push(["Cluster", <Mono key="c">{engine.swarm.clusterId}</Mono>]);
  }
  const containers = topology.containers.filter((c) => c.engineId === id);
  const tasks = node ? topology.tasks.filter((t) => t.nodeId === node.id && isCurrentTask(t)) : [];
  return (
    <>
      <Heading
        kind={engine ? "Docker engine" : "Swarm node (not reached)"}
        title={engine?.name ?? node?.hostname ?? id}
      />
      {engine?.status === "down" && (
        <div className="px-4 pb-3" role="alert" data-testid="region-down">
          <Notice tone="error">
            <p className="font-semibold">Unreachable: showing its last known state</p>
            <p className="mt-1 font-mono text-[12.5px] break-words">
              {engine.message ?? "no answer"}
            </p>
          </Notice>
        </div>
      )}
      <Section title="Engine">
        <Facts rows={facts} />
      </Section>
      {engine && (
        <Section title={`Containers (${containers.length})`}>
          <ul className="flex flex-wrap gap-x-3 gap-y-0.5 text-sm">
            {containers.map((c) => (
              <li key={c.id}>
                <Jump onClick={() => onSelect({ kind: "container", id: c.id })}>{c.name}</Jump>
              </li>
            ))}
          </ul>
        </Section>
      )}
      {node && (
        <Section title={`Swarm tasks here (${tasks.length})`}>
          <ul className="flex flex-wrap gap-x-3 gap-y-0.5 text-sm">
            {tasks.map((t) => (
              <li key={t.id}>
                <Jump onClick={() => onSelect({ kind: "task", id: t.id })}>
                  {taskLabel(
                    topology.services.find((s) => s.id === t.serviceId),
                    t,
                    node,
                  )}
                </Jump>
              </li>
            ))}
          </ul>
        </Section>
      )}
    </>
  );
}

/** ingress-sbox or a load balancer: a namespace Swarm keeps for itself, with its endpoints. */
export function SwarmSandboxPanel({
  topology,
  sandbox,
  onSelect,
}: {
  topology: Topology;
  sandbox: Sandbox;
  onSelect: Select;
}) {
  const mesh = sandbox.kind === "ingress";
  const endpoints = topology.endpoints.filter((e) => e.sandboxId === sandbox.id);
  return (
    <>
      <Heading
        kind={mesh ? "Routing mesh · ingress-sbox" : "Load balancer · lb namespace"}
        title={`${mesh ? "ingress-sbox" : sandbox.id.replace(/@[^@]*$/, "")} on ${sandbox.engineId}`}
      />
      <div className="px-4 pb-3 text-xs text-slate-400">
        {mesh
          ? "Swarm's own namespace on each node: it receives the ingress-published ports of every service and forwards each connection (IPVS) to a task on any node."
          : "Swarm's own namespace on each node of an overlay: it holds the network's service VIPs and balances (IPVS) their connections over the tasks."}
      </div>
      <Section title={`Endpoints (${endpoints.length})`}>
        <ul className="space-y-0.5 text-sm">
          {endpoints.map((e) => (
            <li key={e.id} className="flex justify-between gap-2">
              <NetworkJump topology={topology} id={e.networkId} onSelect={onSelect} />
              <button
                type="button"
                className="font-mono text-[12px] text-slate-300 hover:text-sky-300"
                onClick={() => onSelect({ kind: "endpoint", id: e.id })}
              >
                {e.ipv4Address ?? e.ipv6Address ?? "—"}
              </button>
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}
