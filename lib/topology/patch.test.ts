import { describe, expect, it } from "vitest";
import { buildTopology } from "./build-topology";
import { applyPatch, diffTopology } from "./patch";
import { loadSnapshot, type FixtureName } from "./test-fixtures";

const at = new Date("2026-01-01T00:00:00Z");
const build = (name: FixtureName) => buildTopology(loadSnapshot(name), at);

describe("diffTopology / applyPatch on recorded engine states", () => {
  it("finds nothing when nothing changed", () => {
    expect(diffTopology(build("lab"), build("lab"))).toBeNull();
  });

  it("describes an owner stopping: its sandbox and endpoints go, the sidecar gets its own", () => {
    const before = build("owner-stopped");
    const after = build("owner-restarted");
    const patch = diffTopology(before, after);
    expect(patch).not.toBeNull();
    const web = after.containers.find((c) => c.name === "web");
    expect(patch?.upserts.containers?.map((c) => c.name)).toContain("web");
    expect(patch?.upserts.sandboxes?.map((s) => s.id)).toContain(web?.sandboxId);
    expect(patch?.upserts.endpoints?.every((e) => e.containerId === web?.id)).toBe(true);
    expect(Object.keys(patch?.removals ?? {})).toEqual([]);
  });

  it("round-trips: applying the diff to the old topology gives the new one, both ways", () => {
    const pairs: [FixtureName, FixtureName][] = [
      ["owner-stopped", "owner-restarted"],
      ["owner-restarted", "owner-stopped"],
      ["lab", "failed-start"],
      ["failed-start", "lab"],
    ];
    for (const [a, b] of pairs) {
      const before = build(a);
      const after = buildTopology(loadSnapshot(b), new Date("2026-01-02T00:00:00Z"));
      const patch = diffTopology(before, after);
      expect(patch, `${a} → ${b}`).not.toBeNull();
      expect(applyPatch(before, patch!), `${a} → ${b}`).toEqual({
        ...after,
        engine: before.engine,
      });
    }
  });

  it("leaves empty kinds out of the patch", () => {
    const patch = diffTopology(build("owner-stopped"), build("owner-restarted"));
    for (const kind of Object.keys(patch?.upserts ?? {})) {
      expect((patch?.upserts as Record<string, unknown[]>)[kind]?.length).toBeGreaterThan(0);
    }
  });
});
