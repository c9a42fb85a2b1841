import { describe, expect, it } from "vitest";
import { placeLabels, type LabelRequest, type Rect } from "./label-placement";

const overlap = (a: Rect, b: Rect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

function request(id: string, from = { x: 0, y: 0 }, to = { x: 100, y: 0 }): LabelRequest {
  return { id, from, to, offsets: [4, 20, 40, 0.5], width: 60, lines: 1 };
}

describe("placeLabels", () => {
  it("keeps labels of links leaving one point from covering each other", () => {
    const placed = placeLabels([request("a"), request("b"), request("c")], []);
    const rects = [...placed.values()].map((p) => p.rect);
    expect(rects).toHaveLength(3);
    for (const [i, a] of rects.entries()) {
      for (const b of rects.slice(i + 1)) expect(overlap(a, b)).toBe(false);
    }
  });

  it("steps around an obstacle", () => {
    const free = placeLabels([request("a")], []).get("a")!;
    const blocked = placeLabels([request("a")], [free.rect]).get("a")!;
    expect(overlap(blocked.rect, free.rect)).toBe(false);
  });

  it("leaves out a label with no free spot rather than cover another", () => {
    const everywhere: Rect = { x0: -1000, y0: -1000, x1: 1000, y1: 1000 };
    expect(placeLabels([request("a")], [everywhere]).has("a")).toBe(false);
    const crowded = Array.from({ length: 40 }, (_, i) => request(`l${i}`));
    const placed = [...placeLabels(crowded, []).values()].map((p) => p.rect);
    expect(placed.length).toBeLessThan(crowded.length);
    for (const [i, a] of placed.entries()) {
      for (const b of placed.slice(i + 1)) expect(overlap(a, b)).toBe(false);
    }
  });

  it("anchors the text on the side its box extends to", () => {
    for (const label of placeLabels([request("a"), request("b")], []).values()) {
      const start = label.anchor === "start";
      expect(start ? label.rect.x0 : label.rect.x1).toBeCloseTo(label.x);
    }
  });
});
