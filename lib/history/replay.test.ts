import { describe, expect, it } from "vitest";
import { applyPatch } from "@/lib/topology/patch";
import { replay } from "./replay";
import { recordedChain } from "./test-chain";

describe("replay", () => {
  const { states, patches } = recordedChain();
  const first = states[0]!;

  it("is the snapshot itself with no patches", () => {
    expect(replay(first, [])).toBe(first);
  });

  it("equals applying the patches one by one, at every point of a recorded run", () => {
    let sequential = first;
    patches.forEach((patch, i) => {
      sequential = applyPatch(sequential, patch);
      expect(replay(first, patches.slice(0, i + 1)), `after patch ${i + 1}`).toEqual(sequential);
    });
  });

  it("rebuilds each recorded state (the first engine's identity aside, which no patch carries)", () => {
    patches.forEach((_, i) => {
      const next = states[i + 1]!;
      expect(replay(first, patches.slice(0, i + 1))).toEqual({ ...next, engine: first.engine });
    });
  });
});
