import { describe, expect, it } from "vitest";
import { fixtureTopology } from "@/lib/graph/fixture-topology";
import { toGraphModel, type PortChip, type SandboxNode } from "@/lib/graph/graph-model";
import { measureNode, portChipLayout, sandboxContentTop } from "./graph-style";

const model = toGraphModel(fixtureTopology("lab"), { showStopped: false });
const web = model.nodes.find(
  (n): n is SandboxNode => n.kind === "sandbox" && n.containerNames[0] === "web",
)!;

describe("a box's published-port chips", () => {
  it("sit inside the box's measured size, apart, above its header and names", () => {
    const size = measureNode(web);
    const chips = portChipLayout(web, size);
    expect(chips.map((c) => c.label)).toEqual([
      "0.0.0.0:8080→80/tcp",
      "[::]:8080→80/tcp",
      "127.0.0.1:8443→443/tcp",
    ]);
    for (const [i, c] of chips.entries()) {
      expect(c.x).toBeGreaterThanOrEqual(-size.width / 2);
      expect(c.x + c.width).toBeLessThanOrEqual(size.width / 2);
      expect(c.y).toBeGreaterThanOrEqual(-size.height / 2);
      expect(c.y + c.height).toBeLessThanOrEqual(sandboxContentTop(web, size));
      for (const d of chips.slice(i + 1)) {
        const apart =
          c.x + c.width <= d.x ||
          d.x + d.width <= c.x ||
          c.y + c.height <= d.y ||
          d.y + d.height <= c.y;
        expect(apart).toBe(true);
      }
    }
    // The box grew by the strip: the same box without ports is shorter by exactly that.
    const bare = measureNode({ ...web, ports: [] });
    expect(size.height - bare.height).toBeCloseTo(
      sandboxContentTop(web, size) + size.height / 2 - 7,
    );
  });

  it("show five and a count when a box publishes more than six", () => {
    const many: PortChip[] = Array.from({ length: 9 }, (_, i) => ({
      ...web.ports[0]!,
      id: `port:x:${i}`,
      label: `0.0.0.0:${8000 + i}→80/tcp`,
    }));
    const node = { ...web, ports: many };
    const labels = portChipLayout(node, measureNode(node)).map((c) => c.label);
    expect(labels).toHaveLength(6);
    expect(labels.at(-1)).toBe("+4 more");
  });
});
