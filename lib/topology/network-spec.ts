// What `POST /api/networks` accepts, checked twice with the same code: by the form as the person
// types, and by the server before anything reaches Docker.
import { z } from "zod";
import {
  cidrContains,
  cidrProblem,
  cidrsOverlap,
  cidrWithin,
  parseAddress,
  parseCidr,
  type Cidr,
} from "./cidr";
import { engineIdSchema } from "./engine-target";
import { PREDEFINED_NETWORK_NAMES, type Network } from "./types";

export const NETWORK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const NAME_MAX = 128;
const VALUE_MAX = 1024;

const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    // Control characters have no place in names, labels or options, and would hide in logs.
    .regex(/^[^\p{Cc}]*$/u, "must not contain control characters");
const stringMap = z
  .record(text(VALUE_MAX).min(1, "must not be empty"), text(VALUE_MAX))
  .refine((m) => Object.keys(m).length <= 64, "at most 64 entries");

export const ipamConfigSchema = z.strictObject({
  subnet: text(64).min(1, "is required"),
  gateway: text(64).optional(),
  ipRange: text(64).optional(),
  auxAddresses: stringMap.optional(),
});

export const networkSpecSchema = z.strictObject({
  name: text(NAME_MAX)
    .min(1, "is required")
    .regex(
      NETWORK_NAME,
      "must start with a letter or digit and hold only letters, digits, '_', '.' and '-'",
    ),
  driver: text(64)
    .min(1, "is required")
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:/-]*$/, "is not a driver name"),
  internal: z.boolean().optional(),
  attachable: z.boolean().optional(),
  ipv6: z.boolean().optional(),
  ipam: z
    .strictObject({
      driver: text(64).min(1).optional(),
      config: z.array(ipamConfigSchema).max(16, "at most 16 subnets"),
    })
    .optional(),
  options: stringMap.optional(),
  labels: stringMap.optional(),
  /** The engine to create it on; the default (first) engine when absent. */
  engineId: engineIdSchema.optional(),
});

export type NetworkSpec = z.infer<typeof networkSpecSchema>;

/** A problem with one field of a spec; `conflict` ones clash with what the engine already has. */
export type SpecProblem = {
  field: string;
  message: string;
  kind: "invalid" | "conflict" | "forbidden";
};

// Known driver options, with the values Docker accepts for them.
const BOOLEAN_OPTIONS = [
  "com.docker.network.bridge.enable_icc",
  "com.docker.network.bridge.enable_ip_masquerade",
];
const MODES: Record<string, { option: string; values: string[] }> = {
  macvlan: { option: "macvlan_mode", values: ["bridge", "private", "vepa", "passthru"] },
  ipvlan: { option: "ipvlan_mode", values: ["l2", "l3", "l3s"] },
};

/**
 * Everything wrong with `spec` that can be known before asking Docker: addresses outside their
 * subnet, subnets overlapping each other or an existing network (named), a taken name, what the
 * driver refuses. `existing` is the engine's networks, as the topology has them.
 */
export function specProblems(spec: NetworkSpec, existing: readonly Network[]): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const add = (field: string, message: string, kind: SpecProblem["kind"] = "invalid") =>
    problems.push({ field, message, kind });

  if ((PREDEFINED_NETWORK_NAMES as readonly string[]).includes(spec.name)) {
    add(
      "name",
      `"${spec.name}" is one of Docker's predefined networks (bridge, host, none) and cannot be created`,
      "forbidden",
    );
  } else if (existing.some((n) => n.name === spec.name)) {
    add("name", `a network named "${spec.name}" already exists`, "conflict");
  }
  if (["host", "null"].includes(spec.driver)) {
    add(
      "driver",
      `the ${spec.driver} driver has only its predefined network and cannot create another`,
      "forbidden",
    );
  }

  const configs = spec.ipam?.config ?? [];
  const subnets: (Cidr | null)[] = configs.map((c, i) => {
    const field = `ipam.config[${i}]`;
    const problem = cidrProblem(c.subnet);
    if (problem) {
      add(`${field}.subnet`, problem);
      return null;
    }
    const subnet = parseCidr(c.subnet) as Cidr;
    if (c.gateway !== undefined) {
      const gw = parseAddress(c.gateway);
      if (!gw) add(`${field}.gateway`, `"${c.gateway}" is not an IP address`);
      else if (!cidrContains(subnet, gw))
        add(`${field}.gateway`, `${c.gateway} is outside subnet ${c.subnet}`);
    }
    if (c.ipRange !== undefined) {
      const rangeProblem = cidrProblem(c.ipRange);
      const range = parseCidr(c.ipRange);
      if (rangeProblem || !range) add(`${field}.ipRange`, rangeProblem ?? "is not a CIDR");
      else if (!cidrWithin(range, subnet))
        add(`${field}.ipRange`, `${c.ipRange} is not inside subnet ${c.subnet}`);
    }
    for (const [host, address] of Object.entries(c.auxAddresses ?? {})) {
      const a = parseAddress(address);
      if (!a) add(`${field}.auxAddresses.${host}`, `"${address}" is not an IP address`);
      else if (!cidrContains(subnet, a))
        add(`${field}.auxAddresses.${host}`, `${address} is outside subnet ${c.subnet}`);
    }
    return subnet;
  });

  subnets.forEach((subnet, i) => {
    if (!subnet) return;
    const field = `ipam.config[${i}].subnet`;
    if (subnet.family === 6 && !spec.ipv6)
      add(field, `${subnet.text} is IPv6: turn on IPv6 for this network`);
    subnets.slice(0, i).forEach((other, j) => {
      if (other && cidrsOverlap(subnet, other))
        add(field, `${subnet.text} overlaps subnet ${j + 1} of this network (${other.text})`);
    });
    for (const network of existing) {
      for (const s of network.subnets) {
        const theirs = parseCidr(s.subnet);
        if (theirs && cidrsOverlap(subnet, theirs)) {
          add(field, `${subnet.text} overlaps network "${network.name}" (${s.subnet})`, "conflict");
        }
      }
    }
  });

  const v4 = subnets.filter((s) => s?.family === 4).length;
  const v6 = subnets.filter((s) => s?.family === 6).length;
  if (spec.driver === "bridge" && (v4 > 1 || v6 > 1)) {
    add(
      "ipam.config",
      `the bridge driver takes at most one IPv4 and one IPv6 subnet (got ${v4} IPv4, ${v6} IPv6)`,
    );
  }
  if (spec.ipv6 && v6 === 0 && ["macvlan", "ipvlan"].includes(spec.driver)) {
    add("ipam.config", `IPv6 on ${spec.driver} needs an IPv6 subnet`);
  }

  const options = spec.options ?? {};
  for (const key of BOOLEAN_OPTIONS) {
    if (key in options && !["true", "false"].includes(options[key] ?? ""))
      add(`options.${key}`, `must be "true" or "false"`);
  }
  const mtu = options["com.docker.network.driver.mtu"];
  if (mtu !== undefined && !(/^\d+$/.test(mtu) && Number(mtu) >= 68 && Number(mtu) <= 65535)) {
    add("options.com.docker.network.driver.mtu", "must be a whole number from 68 to 65535");
  }
  const hostBinding = options["com.docker.network.bridge.host_binding_ipv4"];
  if (hostBinding !== undefined && parseAddress(hostBinding)?.family !== 4) {
    add(
      "options.com.docker.network.bridge.host_binding_ipv4",
      `"${hostBinding}" is not an IPv4 address`,
    );
  }
  const bridgeName = options["com.docker.network.bridge.name"];
  if (bridgeName !== undefined && !/^[a-zA-Z0-9_.-]{1,15}$/.test(bridgeName)) {
    add(
      "options.com.docker.network.bridge.name",
      "must be an interface name: 1–15 letters, digits, '_', '.', '-'",
    );
  }
  const mode = MODES[spec.driver];
  if (mode && mode.option in options && !mode.values.includes(options[mode.option] ?? "")) {
    add(`options.${mode.option}`, `must be one of ${mode.values.join(", ")}`);
  }
  const parent = options.parent;
  if (parent !== undefined && !/^[a-zA-Z0-9_.@-]{1,15}(\.\d{1,4})?$/.test(parent)) {
    add("options.parent", "must be a host interface name, e.g. eth0 (or eth0.10 for a VLAN)");
  }
  return problems;
}

/** Quote for a POSIX shell only when needed, so the command stays readable. */
function sh(value: string): string {
  return /^[a-zA-Z0-9_./:=@,+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `docker`, aimed at `host` (`-H unix:///…`) when the command is for another engine than the default. */
export function dockerArgs(host: string | null): string[] {
  return host ? ["docker", "-H", sh(host)] : ["docker"];
}

/** The `docker network create` command that does what `spec` does, on the engine at `host`. */
export function dockerCreateCommand(spec: NetworkSpec, host: string | null = null): string {
  const args = [...dockerArgs(host), "network", "create", "--driver", sh(spec.driver)];
  if (spec.ipam?.driver) args.push("--ipam-driver", sh(spec.ipam.driver));
  for (const c of spec.ipam?.config ?? []) {
    args.push("--subnet", sh(c.subnet));
    if (c.gateway) args.push("--gateway", sh(c.gateway));
    if (c.ipRange) args.push("--ip-range", sh(c.ipRange));
    for (const [host, address] of Object.entries(c.auxAddresses ?? {}))
      args.push("--aux-address", sh(`${host}=${address}`));
  }
  if (spec.internal) args.push("--internal");
  if (spec.attachable) args.push("--attachable");
  if (spec.ipv6) args.push("--ipv6");
  for (const [k, v] of Object.entries(spec.options ?? {})) args.push("--opt", sh(`${k}=${v}`));
  for (const [k, v] of Object.entries(spec.labels ?? {})) args.push("--label", sh(`${k}=${v}`));
  args.push(sh(spec.name));
  return args.join(" ");
}
