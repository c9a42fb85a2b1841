import { describe, expect, it } from "vitest";
import { buildTopology } from "../topology/build-topology";
import { applyPatch, diffTopology } from "../topology/patch";
import { loadSnapshot, type FixtureName } from "../topology/test-fixtures";
import {
  ACTIVITY_LIMIT,
  initialStreamState,
  reduceStream,
  type EngineEventData,
  type StreamEvent,
  type TopologyStreamState,
} from "./topology-stream-state";

const build = (name: FixtureName, at: string) => buildTopology(loadSnapshot(name), new Date(at));
const lab = build("lab", "2026-01-01T00:00:00Z");
const stopped = build("owner-stopped", "2026-01-01T00:00:05Z");
const restarted = build("owner-restarted", "2026-01-01T00:00:09Z");

const ENDPOINT = "unix:///var/run/docker.sock";
const up: EngineEventData = {
  status: "up",
  since: "2026-01-01T00:00:00Z",
  endpoint: ENDPOINT,
  serverVersion: "20.10.24",
  apiVersion: "1.41",
};
const down: EngineEventData = {
  status: "down",
  since: "2026-01-01T00:01:00Z",
  endpoint: ENDPOINT,
  message: `Docker engine unreachable at ${ENDPOINT}: connection refused (is dockerd running?)`,
};

const run = (events: StreamEvent[], from: TopologyStreamState = initialStreamState()) =>
  events.reduce(reduceStream, from);

describe("the live topology state", () => {
  it("starts from a snapshot, then applies patches and describes them", () => {
    const patch = diffTopology(lab, stopped)!;
    const state = run([
      { type: "open" },
      { type: "snapshot", id: "1", topology: lab },
      { type: "engine", id: "2", engine: up },
      { type: "patch", id: "3", patch },
    ]);
    expect(state.topology).toEqual(applyPatch(lab, patch));
    expect(state.asOf).toBe(stopped.generatedAt);
    expect(state.engine).toMatchObject({ status: "up", endpoint: ENDPOINT });
    expect(state.activity.map((a) => a.text)).toEqual([
      "web stopped (exit 137) — left lab-mynet",
      "web-sidecar: web is not running: this container has only loopback.",
    ]);
  });

  it("lists the newest change first", () => {
    const state = run([
      { type: "snapshot", id: "1", topology: lab },
      { type: "patch", id: "2", patch: diffTopology(lab, stopped)! },
      { type: "patch", id: "3", patch: diffTopology(stopped, restarted)! },
    ]);
    expect(state.activity[0]?.text).toBe("web started — on lab-mynet (172.20.0.2)");
    expect(new Set(state.activity.map((a) => a.id)).size).toBe(state.activity.length);
  });

  it("takes a later snapshot whole, and tells what changed meanwhile", () => {
    const state = run([
      { type: "snapshot", id: "1", topology: lab },
      { type: "snapshot", id: "9", topology: stopped },
    ]);
    expect(state.topology).toBe(stopped);
    expect(state.activity.map((a) => a.text)).toContain("web stopped (exit 137) — left lab-mynet");
  });

  it("says nothing about the first snapshot, and ignores patches before any", () => {
    const early = run([{ type: "patch", id: "1", patch: diffTopology(lab, stopped)! }]);
    expect(early.topology).toBeNull();
    const first = run([{ type: "snapshot", id: "2", topology: lab }], early);
    expect(first.activity).toEqual([]);
  });

  it("keeps the last map when the engine goes down, and says so once", () => {
    const state = run([
      { type: "snapshot", id: "1", topology: lab },
      { type: "engine", id: "2", engine: up },
      { type: "engine", id: "3", engine: down },
    ]);
    expect(state.topology).toBe(lab);
    expect(state.asOf).toBe(lab.generatedAt);
    expect(state.engine).toEqual({
      status: "down",
      since: down.since,
      endpoint: ENDPOINT,
      message: down.message,
    });
    expect(state.activity.map((a) => [a.text, a.tone])).toEqual([[down.message, "remove"]]);
    const back = run([{ type: "engine", id: "4", engine: up }], state);
    expect(back.engine.status).toBe("up");
    expect(back.activity[0]).toMatchObject({ tone: "add", target: null });
  });

  it("is connecting while the stream is broken, and back to what the server said once reopened", () => {
    const live = run([
      { type: "snapshot", id: "1", topology: lab },
      { type: "engine", id: "2", engine: down },
    ]);
    const lost = run([{ type: "lost", at: "2026-01-01T00:02:00Z" }], live);
    expect(lost.engine.status).toBe("connecting");
    expect(lost.topology).toBe(lab);
    // A resumed stream replays only what was missed, maybe no engine event at all.
    expect(run([{ type: "open" }], lost).engine).toEqual(live.engine);
  });

  it("keeps at most ACTIVITY_LIMIT lines", () => {
    let state = run([{ type: "snapshot", id: "0", topology: lab }]);
    // Each stop or start of web is two lines: well past the limit.
    for (let i = 1; i <= ACTIVITY_LIMIT; i++) {
      const [from, to] = i % 2 ? [lab, stopped] : [stopped, lab];
      state = reduceStream(state, { type: "patch", id: String(i), patch: diffTopology(from, to)! });
    }
    expect(state.activity).toHaveLength(ACTIVITY_LIMIT);
  });
});
