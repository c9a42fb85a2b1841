// The "New network" form's state, turned into a NetworkSpec and checked with the same code the
// server runs (networkSpecSchema + specProblems). Pure: the dialog renders what this returns.
import {
  dockerCreateCommand,
  networkSpecSchema,
  specProblems,
  type NetworkSpec,
  type SpecProblem,
} from "../topology/network-spec";
import type { Network } from "../topology/types";

/** One key/value row (labels, options, aux addresses); `id` keeps React's rows apart. */
export type Pair = { id: number; key: string; value: string };

export type SubnetRow = {
  id: number;
  subnet: string;
  gateway: string;
  ipRange: string;
  /** --aux-address host=IP: addresses the IPAM driver must not hand out. */
  aux: Pair[];
};

export type NetworkForm = {
  /** The engine to create it on; "" for the default one (nothing sent, as with one engine). */
  engineId: string;
  name: string;
  driver: string;
  ipamDriver: string;
  subnets: SubnetRow[];
  internal: boolean;
  attachable: boolean;
  ipv6: boolean;
  /** Values of the known driver options (see DRIVER_OPTION_FIELDS), by option key; "" = unset. */
  driverOptions: Record<string, string>;
  /** Any other `--opt key=value`. */
  extraOptions: Pair[];
  labels: Pair[];
};

export type OptionField = {
  key: string;
  label: string;
  /** text: free text; choice: one of `values` (or the driver's default); flag: present or not. */
  kind: "text" | "choice" | "flag";
  values?: string[];
  placeholder?: string;
  hint?: string;
  testId: string;
};

const BOOL = ["true", "false"];

/** The options Docker's built-in drivers know, drawn as real fields rather than key=value rows. */
export const DRIVER_OPTION_FIELDS: Record<string, OptionField[]> = {
  bridge: [
    {
      key: "com.docker.network.bridge.name",
      label: "Bridge interface name",
      kind: "text",
      placeholder: "br-<network id>",
      testId: "opt-bridge-name",
    },
    {
      key: "com.docker.network.bridge.enable_icc",
      label: "Inter-container traffic (enable_icc)",
      kind: "choice",
      values: BOOL,
      hint: "false: containers on this network cannot reach each other",
      testId: "opt-enable-icc",
    },
    {
      key: "com.docker.network.bridge.enable_ip_masquerade",
      label: "IP masquerade (enable_ip_masquerade)",
      kind: "choice",
      values: BOOL,
      hint: "false: no NAT to the outside",
      testId: "opt-ip-masquerade",
    },
    {
      key: "com.docker.network.bridge.host_binding_ipv4",
      label: "Default host IP for published ports",
      kind: "text",
      placeholder: "0.0.0.0",
      testId: "opt-host-binding",
    },
    {
      key: "com.docker.network.driver.mtu",
      label: "MTU",
      kind: "text",
      placeholder: "1500",
      testId: "opt-mtu",
    },
  ],
  macvlan: [
    {
      key: "parent",
      label: "Parent interface",
      kind: "text",
      placeholder: "eth0, or eth0.10 for a VLAN",
      hint: "the host interface the containers' MAC addresses sit on",
      testId: "opt-parent",
    },
    {
      key: "macvlan_mode",
      label: "macvlan mode",
      kind: "choice",
      values: ["bridge", "private", "vepa", "passthru"],
      testId: "opt-macvlan-mode",
    },
  ],
  ipvlan: [
    {
      key: "parent",
      label: "Parent interface",
      kind: "text",
      placeholder: "eth0, or eth0.10 for a VLAN",
      testId: "opt-parent",
    },
    {
      key: "ipvlan_mode",
      label: "ipvlan mode",
      kind: "choice",
      values: ["l2", "l3", "l3s"],
      testId: "opt-ipvlan-mode",
    },
  ],
  overlay: [
    {
      key: "encrypted",
      label: "Encrypt traffic between nodes (IPsec)",
      kind: "flag",
      testId: "opt-encrypted",
    },
  ],
};

export function optionFieldsOf(driver: string): OptionField[] {
  return DRIVER_OPTION_FIELDS[driver] ?? [];
}

let nextId = 1;
/** A fresh row id; unique within the page. */
export function rowId(): number {
  return nextId++;
}

export function emptySubnetRow(): SubnetRow {
  return { id: rowId(), subnet: "", gateway: "", ipRange: "", aux: [] };
}

export function emptyPair(): Pair {
  return { id: rowId(), key: "", value: "" };
}

export function initialNetworkForm(engineId = ""): NetworkForm {
  return {
    engineId,
    name: "",
    driver: "bridge",
    ipamDriver: "default",
    subnets: [emptySubnetRow()],
    internal: false,
    attachable: false,
    ipv6: false,
    driverOptions: {},
    extraOptions: [],
    labels: [],
  };
}

const rowHasContent = (r: SubnetRow) =>
  [r.subnet, r.gateway, r.ipRange].some((v) => v.trim() !== "") ||
  r.aux.some((a) => a.key.trim() !== "" || a.value.trim() !== "");

export type BuiltSpec = {
  spec: NetworkSpec;
  /** For each `ipam.config[i]`, the index of the form row it came from (empty rows are skipped). */
  rowOfConfig: number[];
  /** What the form itself can tell that the spec cannot (a value without a key). */
  formProblems: SpecProblem[];
};

/** Pairs as a map; rows with neither key nor value are left out. */
function pairsToMap(
  pairs: Pair[],
  field: string,
  what: string,
  problems: SpecProblem[],
  into: Record<string, string> = {},
): Record<string, string> {
  for (const { key, value } of pairs) {
    const k = key.trim();
    if (k === "" && value.trim() === "") continue;
    if (k === "") {
      problems.push({ field, message: `"${value.trim()}" needs a ${what} name`, kind: "invalid" });
      continue;
    }
    if (k in into) {
      problems.push({
        field: `${field}.${k}`,
        message: `${k} is set twice; Docker would keep only one`,
        kind: "invalid",
      });
      continue;
    }
    into[k] = value.trim();
  }
  return into;
}

/** The spec the form stands for: empty fields left out, so Docker's defaults apply. */
export function buildNetworkSpec(form: NetworkForm): BuiltSpec {
  const formProblems: SpecProblem[] = [];
  const spec: NetworkSpec = { name: form.name.trim(), driver: form.driver.trim() };
  if (form.internal) spec.internal = true;
  if (form.attachable) spec.attachable = true;
  if (form.ipv6) spec.ipv6 = true;
  if (form.engineId) spec.engineId = form.engineId;

  const rowOfConfig: number[] = [];
  const config: NonNullable<NetworkSpec["ipam"]>["config"] = [];
  form.subnets.forEach((row, index) => {
    if (!rowHasContent(row)) return;
    const field = `ipam.config[${config.length}]`;
    const entry: (typeof config)[number] = { subnet: row.subnet.trim() };
    if (row.gateway.trim()) entry.gateway = row.gateway.trim();
    if (row.ipRange.trim()) entry.ipRange = row.ipRange.trim();
    const aux = pairsToMap(row.aux, `${field}.auxAddresses`, "host", formProblems);
    if (Object.keys(aux).length > 0) entry.auxAddresses = aux;
    rowOfConfig.push(index);
    config.push(entry);
  });
  const ipamDriver = form.ipamDriver.trim();
  // "default" is what Docker uses anyway; saying it would only lengthen the command.
  const customIpam = ipamDriver !== "" && ipamDriver !== "default";
  if (config.length > 0 || customIpam) {
    spec.ipam = { ...(customIpam ? { driver: ipamDriver } : {}), config };
  }

  const options: Record<string, string> = {};
  for (const field of optionFieldsOf(spec.driver)) {
    const value = form.driverOptions[field.key] ?? "";
    if (field.kind === "flag") {
      // Docker's flags are present-or-absent options: `--opt encrypted` sets it to "".
      if (value === "true") options[field.key] = "";
    } else if (value.trim() !== "") {
      options[field.key] = value.trim();
    }
  }
  pairsToMap(form.extraOptions, "options", "option", formProblems, options);
  if (Object.keys(options).length > 0) spec.options = options;

  const labels = pairsToMap(form.labels, "labels", "label", formProblems);
  if (Object.keys(labels).length > 0) spec.labels = labels;

  return { spec, rowOfConfig, formProblems };
}

/** "ipam.config[0].gateway", as specProblems names fields, from a zod issue path. */
export function fieldOfPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += `${out ? "." : ""}${String(part)}`;
  }
  return out;
}

export type FormCheck = BuiltSpec & {
  problems: SpecProblem[];
  /** The `docker network create` command the spec stands for. */
  command: string;
};

/**
 * Everything wrong with the form, each problem once: the schema's first for each field (shape,
 * lengths, characters),
 * the form's own, then specProblems' (addresses, overlaps with `existing` — the networks of the
 * chosen engine, driver rules) for the fields the schema found nothing wrong with. The command
 * is aimed at `host` (`docker -H`) when the engine is not the default one.
 */
export function checkNetworkForm(
  form: NetworkForm,
  existing: readonly Network[],
  host: string | null = null,
): FormCheck {
  const built = buildNetworkSpec(form);
  const parsed = networkSpecSchema.safeParse(built.spec);
  const schemaProblems: SpecProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        field: fieldOfPath(issue.path) || "spec",
        message: issue.message,
        kind: "invalid",
      }));
  const flagged = new Set<string>();
  // The first thing wrong with a field is enough ("is required", not also "must start with…").
  const problems = schemaProblems.filter((p) => !flagged.has(p.field) && flagged.add(p.field));
  problems.push(...built.formProblems);
  for (const problem of specProblems(built.spec, existing)) {
    if (!flagged.has(problem.field)) problems.push(problem);
  }
  const seen = new Set<string>();
  return {
    ...built,
    problems: problems.filter((p) => {
      const key = `${p.field}\u0000${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
    command: dockerCreateCommand(built.spec, host),
  };
}

/**
 * Where in the form a problem is shown: "name", "driver", "ipamDriver", "subnets",
 * "row:<row>:subnet|gateway|ipRange|aux", "flags", "opt:<key>" (a known option's field),
 * "options", "labels" or "general".
 */
export function slotOfProblem(field: string, rowOfConfig: number[], driver: string): string {
  if (field === "name" || field === "driver") return field;
  if (field === "ipam.driver") return "ipamDriver";
  const row = /^ipam\.config\[(\d+)\](?:\.(subnet|gateway|ipRange|auxAddresses))?/.exec(field);
  if (row) {
    const index = rowOfConfig[Number(row[1])];
    if (index === undefined) return "subnets";
    const part = row[2] === "auxAddresses" ? "aux" : (row[2] ?? "subnet");
    return `row:${index}:${part}`;
  }
  if (field.startsWith("ipam")) return "subnets";
  if (["internal", "attachable", "ipv6"].includes(field)) return "flags";
  if (field === "options" || field.startsWith("options.")) {
    const key = field.slice("options.".length);
    return optionFieldsOf(driver).some((f) => f.key === key) ? `opt:${key}` : "options";
  }
  if (field === "labels" || field.startsWith("labels.")) return "labels";
  return "general";
}
