// The history export file (GET /api/history/export): its name, and the check a file read back
// must pass before the UI shows it (read-only; nothing goes to the server). Pure: runs in the
// browser as on the server.
import { z } from "zod";
import { ENTITY_KINDS } from "@/lib/topology/patch";
import type { Topology } from "@/lib/topology/types";
import { replay } from "./replay";
import { HISTORY_EXPORT_FORMAT, HISTORY_EXPORT_VERSION, type HistoryExport } from "./types";

const isoTime = z.iso.datetime({ offset: true, message: "must be an ISO-8601 time" });
const str = z.string();
const nullableStr = z.string().nullable();
const record = z.record(z.string(), z.string());
// Entities stay loose: a field a later Netlens adds is kept, not refused.
const entity = <T extends z.ZodRawShape>(shape: T) => z.looseObject({ id: str, ...shape });

const network = entity({
  name: str,
  driver: str,
  scope: str,
  internal: z.boolean(),
  attachable: z.boolean(),
  ingress: z.boolean(),
  ipv6: z.boolean(),
  predefined: z.boolean(),
  subnets: z.array(
    z.looseObject({ subnet: str, gateway: str.optional(), ipRange: str.optional() }),
  ),
  options: record,
  labels: record,
  created: str,
  ipamDriver: str,
  engineId: nullableStr,
  swarmRole: z.enum(["ingress", "gateway-bridge"]).nullable(),
});

const container = entity({
  name: str,
  image: str,
  state: str,
  startedAt: nullableStr,
  finishedAt: nullableStr,
  networkMode: str,
  sandboxId: nullableStr,
  ports: z.array(
    z.looseObject({
      ip: str.optional(),
      privatePort: z.number(),
      publicPort: z.number().optional(),
      type: str,
    }),
  ),
  labels: record,
  networkNames: z.array(str),
  error: nullableStr,
  exitCode: z.number().nullable(),
  networkWarning: nullableStr,
  engineId: str,
  taskId: nullableStr,
  serviceId: nullableStr,
});

const sandbox = entity({
  kind: z.enum(["container", "host", "ingress", "load-balancer"]),
  containerIds: z.array(str),
  engineId: str,
});

const endpoint = entity({
  networkId: str,
  sandboxId: str,
  containerId: str,
  ipv4Address: nullableStr,
  ipv6Address: nullableStr,
  macAddress: nullableStr,
  aliases: z.array(str),
  engineId: str,
});

const engineEntry = entity({
  name: str,
  status: z.enum(["up", "down"]),
  message: nullableStr,
  hostname: nullableStr,
  serverVersion: nullableStr,
  swarm: z
    .looseObject({ nodeId: str, clusterId: nullableStr, role: z.enum(["manager", "worker"]) })
    .nullable(),
});

const node = entity({
  hostname: str,
  role: z.enum(["manager", "worker"]),
  availability: str,
  state: str,
  address: str,
  engineId: nullableStr,
});

const address = z.looseObject({ networkId: str, address: str });

const service = entity({
  name: str,
  mode: z.enum(["replicated", "global"]),
  replicas: z.number().nullable(),
  runningTasks: z.number(),
  endpointMode: z.enum(["vip", "dnsrr"]),
  virtualIPs: z.array(address),
  ports: z.array(
    z.looseObject({
      protocol: str,
      targetPort: z.number(),
      publishedPort: z.number().nullable(),
      publishMode: z.enum(["ingress", "host"]),
    }),
  ),
  networkIds: z.array(str),
  image: str,
});

const task = entity({
  serviceId: str,
  nodeId: nullableStr,
  slot: z.number().nullable(),
  desiredState: str,
  state: str,
  error: nullableStr,
  message: nullableStr,
  containerId: nullableStr,
  addresses: z.array(address),
});

const entities = {
  networks: z.array(network),
  containers: z.array(container),
  sandboxes: z.array(sandbox),
  endpoints: z.array(endpoint),
  engines: z.array(engineEntry),
  nodes: z.array(node),
  services: z.array(service),
  tasks: z.array(task),
};

const topology = z.looseObject({
  engine: z.looseObject({ id: str, name: str, serverVersion: str, apiVersion: str }),
  generatedAt: isoTime,
  ...entities,
});

const patch = z.looseObject({
  upserts: z.object(entities).partial(),
  removals: z.partialRecord(z.enum(ENTITY_KINDS), z.array(str)),
  generatedAt: isoTime,
});

const activityItem = z.looseObject({
  id: str,
  time: str,
  text: str,
  target: z
    .looseObject({
      kind: z.enum(["network", "container", "endpoint"]),
      id: str,
      containerId: str.optional(),
    })
    .nullable(),
  tone: z.enum(["add", "remove", "change"]),
});

const change = z.looseObject({
  id: z.number().int(),
  at: isoTime,
  engineId: nullableStr,
  summary: str,
  items: z.array(activityItem),
  patch,
  offline: z.literal(true).optional(),
});

const gap = z.looseObject({
  from: isoTime,
  until: isoTime.nullable(),
  engineId: nullableStr,
  reason: z.enum(["engine-down", "not-running"]),
  message: nullableStr,
});

const exportSchema = z
  .object({
    format: z.literal(HISTORY_EXPORT_FORMAT),
    version: z.literal(HISTORY_EXPORT_VERSION),
    from: isoTime,
    until: isoTime,
    exportedAt: isoTime,
    snapshot: topology,
    changes: z.array(change),
    gaps: z.array(gap),
  })
  .superRefine((f, ctx) => {
    const from = Date.parse(f.from);
    const until = Date.parse(f.until);
    if (from > until) ctx.addIssue({ code: "custom", path: ["from"], message: "is after until" });
    let previous = from;
    f.changes.forEach((c, i) => {
      const at = Date.parse(c.at);
      if (at < previous || at > until) {
        ctx.addIssue({
          code: "custom",
          path: ["changes", i, "at"],
          message: "is out of time order or outside from–until",
        });
      }
      previous = Math.max(previous, at);
    });
  });

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, p) =>
      typeof p === "number" ? `${text}[${p}]` : text ? `${text}.${String(p)}` : String(p),
    "",
  );
}

export type ParsedExport = { ok: true; file: HistoryExport } | { ok: false; error: string };

/**
 * A history export read back from a file: the file, or what is wrong with it in plain words
 * ("changes[3].patch.generatedAt: must be an ISO-8601 time"), at most three problems named.
 */
export function parseHistoryExport(text: string): ParsedExport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `Not a JSON file: ${(err as Error).message}` };
  }
  const head = data as { format?: unknown; version?: unknown } | null;
  if (typeof head !== "object" || head === null || head.format !== HISTORY_EXPORT_FORMAT) {
    return {
      ok: false,
      error: `Not a Netlens history export: "format" must be "${HISTORY_EXPORT_FORMAT}".`,
    };
  }
  if (head.version !== HISTORY_EXPORT_VERSION) {
    return {
      ok: false,
      error: `Version ${JSON.stringify(head.version)} of the history export is not one this Netlens reads (${HISTORY_EXPORT_VERSION}).`,
    };
  }
  const parsed = exportSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const named = issues.slice(0, 3).map((i) => `${pathText(i.path) || "file"}: ${i.message}`);
    const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : "";
    return { ok: false, error: `The history export is damaged — ${named.join("; ")}${more}.` };
  }
  // The schema checks each field the model has; its inferred type is only looser where entities
  // may carry fields a later version adds.
  return { ok: true, file: parsed.data as unknown as HistoryExport };
}

/** The topology an export shows at `atMs` (clamped to its window): its snapshot + the changes up to then. */
export function exportStateAt(file: HistoryExport, atMs: number): Topology {
  const patches = file.changes.filter((c) => Date.parse(c.at) <= atMs).map((c) => c.patch);
  return replay(file.snapshot, patches);
}

/** "netlens-history-2026-05-01T14-00-00Z--2026-05-01T15-00-00Z.json" */
export function exportFileName(file: Pick<HistoryExport, "from" | "until">): string {
  const stamp = (iso: string) => iso.replace(/\.\d+Z$/, "Z").replace(/:/g, "-");
  return `netlens-history-${stamp(file.from)}--${stamp(file.until)}.json`;
}
