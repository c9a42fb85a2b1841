import { describe, expect, it } from "vitest";
import { diffTopology } from "@/lib/topology/patch";
import { swarmPart, swarmTopology } from "@/lib/topology/swarm-fixture";
import type { Topology } from "@/lib/topology/types";
import { describeChange, engineIdOf } from "./change-record";
import { recordedChain } from "./test-chain";

/** `t` without one container and what is its own (as `docker rm -f` leaves it). */
function withoutContainer(t: Topology, id: string): Topology {
  const sandboxId = t.containers.find((c) => c.id === id)?.sandboxId;
  return {
    ...t,
    containers: t.containers.filter((c) => c.id !== id),
    sandboxes: t.sandboxes.filter((s) => s.id !== sandboxId),
    endpoints: t.endpoints.filter((e) => e.containerId !== id),
  };
}

describe("engineIdOf", () => {
  it("is the one engine, with one engine", () => {
    const { states, patches } = recordedChain();
    expect(engineIdOf(states[0]!, patches[0]!)).toBe(states[0]!.containers[0]!.engineId);
  });

  it("is the engine whose container went, with two engines (removals looked up in before)", () => {
    const both = swarmTopology();
    const onNode2 = both.containers.find((c) => c.engineId === "node2")!;
    const patch = diffTopology(both, withoutContainer(both, onNode2.id))!;
    expect(patch.upserts).toEqual({});
    expect(engineIdOf(both, patch)).toBe("node2");
  });

  it("is the engine that went down", () => {
    const both = swarmTopology();
    const node2Down = swarmTopology([
      swarmPart("node1"),
      { ...swarmPart("node2"), status: "down", message: "connection refused" },
    ]);
    const patch = diffTopology(both, node2Down)!;
    expect(engineIdOf(both, patch)).toBe("node2");
  });

  it("is null when a change spans both engines", () => {
    const both = swarmTopology();
    const [a, b] = ["node1", "node2"].map((e) => both.containers.find((c) => c.engineId === e)!);
    const patch = diffTopology(both, withoutContainer(withoutContainer(both, a!.id), b!.id))!;
    expect(engineIdOf(both, patch)).toBeNull();
  });
});

describe("describeChange", () => {
  it("says what changed as the activity feed does, lines joined", () => {
    const { states, patches } = recordedChain();
    for (let i = 0; i < patches.length; i++) {
      const { summary, items } = describeChange(states[i]!, patches[i]!);
      expect(summary, `change ${i + 1}`).not.toBe("");
      if (items.length) expect(summary).toBe(items.map((t) => t.text).join("; "));
    }
  });

  it("names an engine going down and coming back", () => {
    const both = swarmTopology();
    const down = swarmTopology([
      swarmPart("node1"),
      { ...swarmPart("node2"), status: "down", message: "connection refused" },
    ]);
    expect(describeChange(both, diffTopology(both, down)!).summary).toContain(
      "engine node2 down (connection refused)",
    );
    expect(describeChange(down, diffTopology(down, both)!).summary).toContain(
      "engine node2 up again",
    );
  });

  it("counts what it has no words for", () => {
    const { states } = recordedChain();
    const lab = states[0]!;
    const relabelled = {
      ...lab,
      containers: lab.containers.map((c, i) =>
        i === 0 ? { ...c, labels: { ...c.labels, extra: "1" } } : c,
      ),
    };
    expect(describeChange(lab, diffTopology(lab, relabelled)!)).toEqual({
      summary: "1 container changed",
      items: [],
    });
  });
});
