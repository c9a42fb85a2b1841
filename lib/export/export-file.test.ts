import { describe, expect, it } from "vitest";
import { fixtureTopology } from "@/lib/graph/fixture-topology";
import { exportFileName, exportQuerySchema, exportTopology, exportUrl } from "./export-file";
import { swarmTopology } from "@/lib/topology/swarm-fixture";

const lab = fixtureTopology("lab");
const at = new Date(2026, 0, 2, 3, 4);

describe("exports over the API", () => {
  it("reads the page's own parameters, refusing a bad value by name", () => {
    expect(exportQuerySchema.parse({ format: "dot" })).toEqual({
      format: "dot",
      stopped: "0",
      q: "",
      group: "none",
    });
    for (const [query, field] of [
      [{ format: "svg" }, "format"],
      [{ format: "dot", stopped: "yes" }, "stopped"],
      [{ format: "dot", driver: "bridge,,x" }, "driver"],
      [{ format: "dot", engine: "Node 1" }, "engine"],
      [{ format: "dot", group: "team" }, "group"],
    ] as const) {
      const result = exportQuerySchema.safeParse(query);
      expect(result.success, field).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual([field]);
    }
  });

  it("refuses an engine there is not, naming the ones there are", () => {
    const query = exportQuerySchema.parse({ format: "json", engine: "node9" });
    expect(exportTopology(swarmTopology(), query, at)).toEqual({
      refused: {
        code: "bad_request",
        message: "engine: there is no engine node9 (engines: node1, node2)",
      },
    });
  });

  it("answers each format as a file, filtered", () => {
    const json = exportTopology(lab, exportQuerySchema.parse({ format: "json", q: "mv1" }), at);
    expect("ok" in json && json.ok.contentType).toBe("application/json; charset=utf-8");
    const body = "ok" in json ? (JSON.parse(json.ok.body) as typeof lab) : null;
    expect(body?.containers.map((c) => c.name)).toEqual(["mv1"]);
    const dot = exportTopology(lab, exportQuerySchema.parse({ format: "dot" }), at);
    expect("ok" in dot && dot.ok).toMatchObject({
      contentType: "text/vnd.graphviz; charset=utf-8",
      fileName: "netlens-20260102-0304.dot",
    });
    const mermaid = exportTopology(lab, exportQuerySchema.parse({ format: "mermaid" }), at);
    expect("ok" in mermaid && mermaid.ok.fileName).toBe("netlens-20260102-0304.mmd");
  });

  it("asks for what the page shows, leaving defaults out", () => {
    expect(exportUrl("dot", { stopped: false, engine: null, q: " " })).toBe(
      "/api/topology?format=dot",
    );
    expect(
      exportUrl("mermaid", {
        stopped: true,
        drivers: ["bridge", "overlay"],
        engine: "node1",
        q: "web db",
        group: "project",
      }),
    ).toBe(
      "/api/topology?format=mermaid&stopped=1&driver=bridge%2Coverlay&engine=node1&q=web+db&group=project",
    );
  });

  it("names files by the minute", () => {
    expect(exportFileName("png", at)).toBe("netlens-20260102-0304.png");
  });
});
