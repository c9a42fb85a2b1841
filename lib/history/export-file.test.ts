import { describe, expect, it } from "vitest";
import { describeChange, engineIdOf } from "./change-record";
import { exportFileName, exportStateAt, parseHistoryExport } from "./export-file";
import { recordedChain, T0 } from "./test-chain";
import type { HistoryExport } from "./types";

const { states, patches } = recordedChain();

function exportOfChain(): HistoryExport {
  return {
    format: "netlens-history",
    version: 1,
    from: states[0]!.generatedAt,
    until: states.at(-1)!.generatedAt,
    exportedAt: new Date(T0 + 3_600_000).toISOString(),
    snapshot: states[0]!,
    changes: patches.map((patch, i) => ({
      id: i + 1,
      at: patch.generatedAt,
      engineId: engineIdOf(states[i]!, patch),
      ...describeChange(states[i]!, patch),
      patch,
      ...(i === 2 ? { offline: true as const } : {}),
    })),
    gaps: [
      {
        from: new Date(T0 + 90_000).toISOString(),
        until: new Date(T0 + 120_000).toISOString(),
        engineId: null,
        reason: "not-running",
        message: null,
      },
    ],
  };
}

const errorOf = (text: string) => {
  const parsed = parseHistoryExport(text);
  if (parsed.ok) throw new Error("accepted");
  return parsed.error;
};

/** The export as JSON with the value at `path` replaced (removed when `value` is undefined). */
function damaged(
  path: (string | number)[],
  value: unknown,
  file: unknown = exportOfChain(),
): string {
  const copy = JSON.parse(JSON.stringify(file)) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return JSON.stringify(copy);
}

describe("parseHistoryExport", () => {
  it("reads back what the server writes", () => {
    const file = exportOfChain();
    const parsed = parseHistoryExport(JSON.stringify(file));
    expect(parsed).toEqual({ ok: true, file: JSON.parse(JSON.stringify(file)) });
  });

  it("says what is wrong with a corrupt file", () => {
    expect(errorOf("{ not json")).toMatch(/^Not a JSON file: /);
    expect(errorOf("[]")).toBe('Not a Netlens history export: "format" must be "netlens-history".');
    expect(errorOf(damaged(["format"], "netlens-topology"))).toMatch(
      /Not a Netlens history export/,
    );
    expect(errorOf(damaged(["version"], 2))).toBe(
      "Version 2 of the history export is not one this Netlens reads (1).",
    );
    expect(errorOf(damaged(["snapshot", "containers", 3, "name"], 42))).toBe(
      "The history export is damaged — snapshot.containers[3].name: Invalid input: expected string, received number.",
    );
    expect(errorOf(damaged(["changes", 1, "patch", "generatedAt"], "yesterday"))).toBe(
      "The history export is damaged — changes[1].patch.generatedAt: must be an ISO-8601 time.",
    );
    expect(errorOf(damaged(["gaps"], undefined))).toMatch(/— gaps: Invalid input: expected array/);
    expect(errorOf(damaged(["changes", 4, "at"], exportOfChain().from))).toBe(
      "The history export is damaged — changes[4].at: is out of time order or outside from–until.",
    );
    expect(errorOf(damaged(["gaps", 0, "reason"], "lunch"))).toMatch(/gaps\[0\]\.reason: /);
  });

  it("names at most three problems", () => {
    const file = exportOfChain();
    const stateless = {
      ...file,
      snapshot: {
        ...file.snapshot,
        containers: file.snapshot.containers.map((c) => ({ ...c, state: null })),
      },
    };
    const text = JSON.stringify(stateless);
    expect(errorOf(text)).toMatch(/; .*; .*\(and \d+ more\)\.$/);
  });
});

describe("exportStateAt", () => {
  it("rebuilds each moment of the window", () => {
    const file = exportOfChain();
    states.forEach((s, i) => {
      expect(exportStateAt(file, Date.parse(s.generatedAt)), `state ${i}`).toEqual({
        ...s,
        engine: states[0]!.engine,
      });
    });
  });
});

describe("exportFileName", () => {
  it("is the window, safe as a file name", () => {
    expect(
      exportFileName({ from: "2026-05-01T14:00:00.123Z", until: "2026-05-01T15:00:00.000Z" }),
    ).toBe("netlens-history-2026-05-01T14-00-00Z--2026-05-01T15-00-00Z.json");
  });
});
