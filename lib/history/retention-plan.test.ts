import { describe, expect, it } from "vitest";
import { ageCut, sizeCut } from "./retention-plan";

describe("sizeCut", () => {
  const changes = [1, 2, 3, 4].map((id) => ({ id, atMs: id * 1000, bytes: 100 }));

  it("cuts after the oldest changes that free enough", () => {
    expect(sizeCut(changes, [], 150)).toBe(2000);
    expect(sizeCut(changes, [], 100)).toBe(1000);
  });

  it("counts the snapshots those changes lead up to", () => {
    expect(sizeCut(changes, [{ afterChange: 1, bytes: 500 }], 550)).toBe(1000);
  });

  it("keeps only the present when nothing less frees enough, and has no cut without changes", () => {
    expect(sizeCut(changes, [], 10_000)).toBe(4000);
    expect(sizeCut([], [], 10)).toBeNull();
  });
});

describe("ageCut", () => {
  it("keeps `days` and waits a tenth of that (at most an hour) before pruning again", () => {
    expect(ageCut(10 * 86_400_000, 7)).toEqual({ cutMs: 3 * 86_400_000, slackMs: 3_600_000 });
    expect(ageCut(86_400_000, 0.001).slackMs).toBeCloseTo(8_640);
  });
});
