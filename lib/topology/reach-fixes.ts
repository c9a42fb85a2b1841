// The commands that change a reachability answer: real docker CLI lines a person can paste.
import { isDefaultBridge } from "./reach-parties";
import type { ReachFix } from "./reach-types";
import type { Container, Network } from "./types";

/** A word the shell takes as it is, or single-quoted (names come from the engine, not from us). */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_.:/@=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const sh = (...words: string[]) => words.map(shellWord).join(" ");

/** The network to suggest joining: user-defined before the default bridge, then not internal. */
export function preferredNetwork(networks: Network[]): Network | undefined {
  const rank = (n: Network) => (isDefaultBridge(n) ? 2 : 0) + (n.internal ? 1 : 0);
  return [...networks].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))[0];
}

export function connectFix(network: Network, container: Container, why: string): ReachFix {
  return {
    description: `Connect ${container.name} to ${network.name}: ${why}`,
    command: sh("docker", "network", "connect", network.name, container.name),
  };
}

/** A new user-defined bridge for two containers: names resolve and nothing else is on it. */
export function sharedNetworkFix(a: Container, b: Container, why: string): ReachFix {
  const name = `${a.name}-${b.name}`.slice(0, 60);
  return {
    description: `Create a user-defined bridge for ${a.name} and ${b.name}: ${why}`,
    command: [
      sh("docker", "network", "create", name),
      sh("docker", "network", "connect", name, a.name),
      sh("docker", "network", "connect", name, b.name),
    ].join(" && "),
  };
}

export function startFix(c: Container): ReachFix {
  return { description: `Start ${c.name}.`, command: sh("docker", "start", c.name) };
}

export function restartFix(c: Container, owner: string): ReachFix {
  return {
    description: `Restart ${c.name} so it joins ${owner}'s current namespace again.`,
    command: sh("docker", "restart", c.name),
  };
}

/** Docker refuses `network connect` while a container is in none mode: leave `none` first. */
export function leaveNoneFix(c: Container, network: Network | undefined): ReachFix {
  const target = network?.name ?? "bridge";
  return {
    description: `Take ${c.name} out of none mode and onto ${target} (Docker will not connect a none-mode container to a second network).`,
    command: [
      sh("docker", "network", "disconnect", "none", c.name),
      sh("docker", "network", "connect", target, c.name),
    ].join(" && "),
  };
}

/** Ports are published only when a container is created: it must be recreated. */
export function publishFix(
  c: Container,
  binding: { containerPort: number | null; protocol: string; hostIp?: string; hostPort?: number },
): ReachFix {
  const containerPort = binding.containerPort ?? "<container-port>";
  const hostPort = binding.hostPort ?? binding.containerPort ?? "<host-port>";
  const suffix = binding.protocol === "udp" ? "/udp" : "";
  const p = `${binding.hostIp ? `${binding.hostIp}:` : ""}${hostPort}:${containerPort}${suffix}`;
  return {
    description: `Ports are published when a container is created: remove ${c.name} and run it again with -p ${p} (keep its other options).`,
    command: sh("docker", "run", "-d", "--name", c.name, "-p", p, c.image),
  };
}
