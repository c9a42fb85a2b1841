// GET /api/topology?format=…: the query (the map's own view filters and grouping, with the page's
// parameter names) and the file it answers with. Pure.
import { z } from "zod";
import { engineIdSchema, type Choice } from "@/lib/topology/engine-target";
import { topologyToDot } from "./export-dot";
import { topologyToMermaid } from "./export-mermaid";
import { filterTopology } from "./filter-topology";
import { GROUP_BY, type GroupBy } from "@/lib/topology/group-key";
import type { Topology } from "@/lib/topology/types";

export const EXPORT_FORMATS = ["json", "dot", "mermaid"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const DRIVER_LIST = /^[A-Za-z0-9][A-Za-z0-9_.:/-]*(,[A-Za-z0-9][A-Za-z0-9_.:/-]*)*$/;
const MAX_QUERY = 200;

export const exportQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS),
  stopped: z.enum(["0", "1"]).default("0"),
  driver: z
    .string()
    .regex(DRIVER_LIST, "must be driver names separated by commas, e.g. bridge,overlay")
    .optional(),
  engine: engineIdSchema.optional(),
  q: z.string().max(MAX_QUERY).default(""),
  group: z.enum(["none", ...GROUP_BY]).default("none"),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

const FILES: Record<ExportFormat, { extension: string; contentType: string }> = {
  json: { extension: "json", contentType: "application/json; charset=utf-8" },
  dot: { extension: "dot", contentType: "text/vnd.graphviz; charset=utf-8" },
  // text/vnd.mermaid is not registered; plain text opens anywhere.
  mermaid: { extension: "mmd", contentType: "text/plain; charset=utf-8" },
};

export const extensionOf = (format: ExportFormat) => FILES[format].extension;

/** What the page shows, in the query's terms. */
export type ExportFilters = {
  stopped: boolean;
  drivers?: readonly string[];
  engine: string | null;
  q: string;
  group?: GroupBy | "none";
};

/** `/api/topology?format=…` asking for what the page shows; defaults are left out. */
export function exportUrl(format: ExportFormat, filters: ExportFilters): string {
  const params = new URLSearchParams({ format });
  if (filters.stopped) params.set("stopped", "1");
  if (filters.drivers && filters.drivers.length > 0)
    params.set("driver", filters.drivers.join(","));
  if (filters.engine) params.set("engine", filters.engine);
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (filters.group && filters.group !== "none") params.set("group", filters.group);
  return `/api/topology?${params.toString()}`;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `netlens-20260101-0930.dot`, in the local time of whoever saves it. */
export function exportFileName(extension: string, at: Date): string {
  const date = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}`;
  return `netlens-${date}-${pad(at.getHours())}${pad(at.getMinutes())}.${extension}`;
}

export type ExportFile = { body: string; contentType: string; fileName: string };

/** The topology as `query` asks, filtered; refused when it names an engine there is not. */
export function exportTopology(
  topology: Topology,
  query: ExportQuery,
  at: Date,
): Choice<ExportFile> {
  const engine = query.engine ?? null;
  if (engine !== null && !topology.engines.some((e) => e.id === engine)) {
    const known = topology.engines.map((e) => e.id).join(", ");
    return {
      refused: {
        code: "bad_request",
        message: `engine: there is no engine ${engine} (engines: ${known})`,
      },
    };
  }
  const filtered = filterTopology(topology, {
    stopped: query.stopped === "1",
    drivers: query.driver?.split(",") ?? [],
    engine,
    q: query.q,
  });
  const body =
    query.format === "dot"
      ? topologyToDot(filtered, query.group)
      : query.format === "mermaid"
        ? topologyToMermaid(filtered, query.group)
        : JSON.stringify(filtered, null, 2);
  const { extension, contentType } = FILES[query.format];
  return { ok: { body, contentType, fileName: exportFileName(extension, at) } };
}
