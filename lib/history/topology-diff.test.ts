import { describe, expect, it } from "vitest";
import { buildTopology } from "@/lib/topology/build-topology";
import { diffTopology } from "@/lib/topology/patch";
import { loadSnapshot } from "@/lib/topology/test-fixtures";
import { diffTopologies } from "./topology-diff";
import { recordedChain } from "./test-chain";

const at = (iso: string) => new Date(iso);

describe("diffTopologies on recorded engine states", () => {
  it("finds nothing between a state and itself, whatever the times", () => {
    const a = buildTopology(loadSnapshot("lab"), at("2026-01-01T00:00:00Z"));
    const b = buildTopology(loadSnapshot("lab"), at("2026-01-02T00:00:00Z"));
    expect(diffTopologies(a, b)).toEqual({ added: {}, removed: {}, changed: [] });
  });

  it("names the owner's restart field by field", () => {
    const before = buildTopology(loadSnapshot("owner-stopped"), at("2026-01-01T00:00:00Z"));
    const after = buildTopology(loadSnapshot("owner-restarted"), at("2026-01-01T00:01:00Z"));
    const diff = diffTopologies(before, after);
    const web = after.containers.find((c) => c.name === "web")!;
    const webBefore = before.containers.find((c) => c.name === "web")!;
    const changedWeb = diff.changed.find((c) => c.kind === "containers" && c.id === web.id);
    expect(changedWeb?.fields.state).toEqual([webBefore.state, web.state]);
    expect(changedWeb?.fields.sandboxId).toEqual([webBefore.sandboxId, web.sandboxId]);
    // Unchanged fields are not listed.
    expect(changedWeb?.fields.name).toBeUndefined();
    expect(diff.added.sandboxes).toContain(web.sandboxId);
  });

  it("agrees with the patch: added + changed are its upserts, removed its removals", () => {
    const { states } = recordedChain();
    for (let i = 1; i < states.length; i++) {
      const [from, to] = [states[i - 1]!, states[i]!];
      const diff = diffTopologies(from, to);
      const patch = diffTopology(from, to)!;
      for (const kind of Object.keys({
        ...patch.upserts,
        ...diff.added,
      }) as (keyof typeof patch.upserts)[]) {
        const upserted = (patch.upserts[kind] ?? []).map((e) => e.id).sort();
        const named = [
          ...(diff.added[kind] ?? []),
          ...diff.changed.filter((c) => c.kind === kind).map((c) => c.id),
        ].sort();
        expect(named, `${i}: ${kind}`).toEqual(upserted);
      }
      expect(diff.removed).toEqual(patch.removals);
    }
  });

  it("is the reverse when the moments are swapped", () => {
    const { states } = recordedChain();
    const [a, b] = [states[0]!, states[1]!];
    const there = diffTopologies(a, b);
    const back = diffTopologies(b, a);
    expect(back.added).toEqual(there.removed);
    expect(back.removed).toEqual(there.added);
    for (const c of back.changed) {
      const other = there.changed.find((x) => x.kind === c.kind && x.id === c.id);
      for (const [field, [old, now]] of Object.entries(c.fields)) {
        expect(other?.fields[field]).toEqual([now, old]);
      }
    }
  });
});
