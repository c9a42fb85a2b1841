// What a live probe tries from inside the source's namespace, and how its output is read. Pure:
// lib/docker/ runs the commands, this decides them and judges the result against the prediction.
import { endpointAddress, gatewayOf, ReachIndex } from "./reach-parties";
import type { ProbeConnect, ProbeDns, Protocol, ReachParty, Reachability } from "./reach-types";
import type { Topology } from "./types";

/** Seconds each step may take inside the helper container (the whole probe has its own limit). */
export const STEP_SECONDS = 2;
/** Docker's embedded DNS, present in every namespace on a user-defined network. */
const EMBEDDED_DNS = "127.0.0.11";

export type ProbePlan = {
  /** Where the probe's helper joins: the source container's namespace, or the host's. */
  namespace: { kind: "container"; id: string } | { kind: "host" };
  /** The name to look up, as the source would dial it; null when DNS is not the source's to ask. */
  dnsName: string | null;
  address: string | null;
  port: number | null;
  method: "tcp" | "ping";
};

/** Why a question cannot be probed (the API answers 400), or null. */
export function probeProblem(from: ReachParty, to: ReachParty): string | null {
  if (from.kind === "outside" || to.kind === "outside") {
    return "Netlens probes only from the host or a container to the host or a container: it cannot stand outside the host, and never sends traffic beyond it.";
  }
  return null;
}

export function planProbe(
  topology: Topology,
  prediction: Reachability,
  query: { port: number | null; protocol: Protocol },
): ProbePlan {
  const { from, to } = prediction;
  const index = new ReachIndex(topology);
  const source = from.kind === "container" ? index.containers.get(from.id) : undefined;
  const target = to.kind === "container" ? index.containers.get(to.id) : undefined;
  const inHost = from.kind === "host" || source?.sandboxId === "host";
  const namespace: ProbePlan["namespace"] =
    inHost || !source ? { kind: "host" } : { kind: "container", id: source.id };

  const method = query.port === null || query.protocol === "udp" ? "ping" : "tcp";
  const route = prediction.routes[0];
  let address: string | null = null;
  let port = query.port;
  if (route) {
    const hostPort = route.via === "published-port" ? splitHostPort(route.address) : null;
    address = hostPort ? hostPort.host : route.address;
    if (hostPort) port = hostPort.port;
  } else if (to.kind === "host" || target?.sandboxId === "host") {
    const endpoint = source ? index.endpointsOf(source)[0] : undefined;
    const network = endpoint ? index.network(endpoint.networkId) : undefined;
    address = network?.driver === "bridge" ? gatewayOf(network) : null;
  } else if (target) {
    // Blocked: dial where the target really is, to show the path fails there — but only on a
    // bridge, whose subnet the host routes locally; a macvlan address would be sent off the host.
    const endpoint = index
      .endpointsOf(target)
      .find((e) => index.network(e.networkId)?.driver === "bridge");
    address = endpoint ? endpointAddress(endpoint) : null;
  }
  // Docker's DNS answers only inside a container's own namespace; from the host it is not asked.
  const dnsName =
    !inHost && target && target.sandboxId !== "host" ? index.namespaceOwner(target).name : null;
  return { namespace, dnsName, address, port, method };
}

function splitHostPort(address: string): { host: string; port: number } | null {
  const m = /^\[?([^\]]*)\]?:(\d+)$/.exec(address);
  return m && m[1] !== undefined ? { host: m[1], port: Number(m[2]) } : null;
}

/** The commands, as argument vectors (never a shell line: names never reach a shell). */
export function probeCommands(plan: ProbePlan): { dns: string[] | null; connect: string[] | null } {
  const wait = String(STEP_SECONDS);
  // A trailing dot: no search domains appended, so nothing but the name itself is asked.
  const dns = plan.dnsName
    ? ["timeout", String(STEP_SECONDS + 1), "nslookup", "-type=a", `${plan.dnsName}.`, EMBEDDED_DNS]
    : null;
  if (!plan.address) return { dns, connect: null };
  const connect =
    plan.method === "tcp" && plan.port !== null
      ? ["nc", "-w", wait, plan.address, String(plan.port)]
      : ["ping", "-c", "1", "-W", wait, plan.address];
  return { dns, connect };
}

/** nslookup's answer (busybox and bind print "Name:" then "Address:" lines). */
export function readDns(name: string, exitCode: number | null, output: string): ProbeDns {
  const addresses: string[] = [];
  let inAnswer = false;
  for (const line of output.split("\n")) {
    if (/^Name:/i.test(line)) inAnswer = true;
    const m = /^Address(?:\s*\d+)?:\s*([0-9a-fA-F.:]+)\s*$/.exec(line.trim());
    if (inAnswer && m?.[1] && !m[1].includes("#")) addresses.push(m[1]);
  }
  return { name, addresses, ok: exitCode === 0 && addresses.length > 0 };
}

/** How a connect (nc) or ping attempt ended, in the probe's words. */
export function readConnect(
  plan: ProbePlan,
  exitCode: number | null,
  output: string,
  ms: number,
): ProbeConnect {
  const base = { address: plan.address, port: plan.port, method: plan.method, ms: Math.round(ms) };
  if (exitCode === 0) return { ...base, ok: true, error: null };
  return { ...base, ok: false, error: connectError(exitCode, output) };
}

function connectError(exitCode: number | null, output: string): string {
  if (exitCode === null) return "timeout";
  if (/refused/i.test(output)) return "refused";
  if (/unreachable|no route/i.test(output)) return "unreachable";
  if (/timed out|timeout|100% packet loss/i.test(output)) return "timeout";
  return output.trim().split("\n").at(-1)?.slice(0, 200) || `exit status ${exitCode}`;
}

export function noAddressConnect(plan: ProbePlan): ProbeConnect {
  return {
    address: null,
    port: plan.port,
    method: plan.method,
    ok: false,
    error: "no-address",
    ms: 0,
  };
}

/** A refused connection still proves the path: something answered for the address. */
export function probeAgrees(prediction: Reachability, connect: ProbeConnect): boolean {
  const pathOpen = connect.ok || connect.error === "refused";
  return pathOpen === (prediction.verdict === "reachable");
}
