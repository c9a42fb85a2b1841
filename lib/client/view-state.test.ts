import { describe, expect, it } from "vitest";
import { fixtureTopology } from "../graph/fixture-topology";
import { GROUP_BY } from "../topology/group-key";
import {
  DEFAULT_VIEW_STATE,
  decodeViewState,
  encodeViewState,
  isNavigation,
  viewStateSearch,
  withoutMissing,
  type ViewState,
} from "./view-state";

const roundTrip = (state: ViewState) => decodeViewState(encodeViewState(state));
const decode = (query: string) => decodeViewState(new URLSearchParams(query));

describe("encodeViewState / decodeViewState", () => {
  it("leaves every default out", () => {
    expect(encodeViewState(DEFAULT_VIEW_STATE).toString()).toBe("");
    expect(viewStateSearch(DEFAULT_VIEW_STATE)).toBe("");
    expect(decode("")).toEqual(DEFAULT_VIEW_STATE);
  });

  it.each<[string, Partial<ViewState>, string]>([
    ["selection", { selection: { kind: "container", id: "abc123" } }, "sel=container:abc123"],
    [
      "an endpoint selection with odd characters",
      { selection: { kind: "endpoint", id: "sb@net#c:1~2" } },
      "sel=endpoint:sb%40net%23c:1~2",
    ],
    [
      "focus, 1 hop",
      { focus: { target: { kind: "network", id: "n1" }, hops: 1 } },
      "focus=network:n1~1",
    ],
    [
      "focus, 2 hops",
      { focus: { target: { kind: "region", id: "node:xyz" }, hops: 2 } },
      "focus=region:node:xyz~2",
    ],
    ["search", { q: "web 172.20" }, "q=web+172.20"],
    ["show stopped", { stopped: true }, "stopped=1"],
    ["drivers, sorted", { drivers: ["overlay", "bridge"] }, "driver=bridge,overlay"],
    ["engine", { engine: "node1" }, "engine=node1"],
    ["grouping", { group: "project" }, "group=project"],
    ["zoom and pan, rounded", { view: { x: 12.4, y: -7.6, k: 0.87654 } }, "at=12,-8,0.877"],
    ["a moment in the past", { t: "2026-03-01T14:02:03.250Z" }, "t=2026-03-01T14:02:03.250Z"],
    ["changes since", { since: "2026-03-01T13:00:00.000Z" }, "since=2026-03-01T13:00:00.000Z"],
    ["the canvas renderer", { renderer: "canvas" as const }, "renderer=canvas"],
    ["the SVG renderer", { renderer: "svg" as const }, "renderer=svg"],
  ])("round-trips %s", (_, fields, query) => {
    const state = { ...DEFAULT_VIEW_STATE, ...fields };
    expect(viewStateSearch(state)).toBe(`?${query}`);
    const back = roundTrip(state);
    if (fields.view) {
      expect(back).toEqual({ ...state, view: { x: 12, y: -8, k: 0.877 } });
    } else if (fields.drivers) {
      expect(back).toEqual({ ...state, drivers: ["bridge", "overlay"] });
    } else {
      expect(back).toEqual(state);
    }
  });

  it("round-trips every grouping", () => {
    for (const group of GROUP_BY) {
      expect(roundTrip({ ...DEFAULT_VIEW_STATE, group }).group).toBe(group);
    }
  });

  it("round-trips everything at once, in a stable order", () => {
    const state: ViewState = {
      selection: { kind: "endpoint", id: "ep1" },
      focus: { target: { kind: "container", id: "c1" }, hops: 2 },
      q: "a&b=c?#",
      stopped: true,
      drivers: ["bridge", "macvlan", "null"],
      engine: "node2",
      group: "engine",
      view: { x: -300, y: 42, k: 2.5 },
      t: "2026-03-01T14:02:03.000Z",
      since: "2026-03-01T12:00:00.000Z",
      renderer: "canvas",
    };
    expect(roundTrip(state)).toEqual(state);
    expect([...encodeViewState(state).keys()]).toEqual([
      "sel",
      "focus",
      "q",
      "stopped",
      "driver",
      "engine",
      "group",
      "at",
      "t",
      "since",
      "renderer",
    ]);
    // What the address bar shows decodes to the same state.
    expect(decode(viewStateSearch(state).slice(1))).toEqual(state);
  });

  it("ignores junk and unknown keys, and never throws", () => {
    const junk = [
      "sel=bogus:1",
      "sel=container:",
      "sel=:abc",
      "sel=container",
      "sel=__proto__:x",
      "sel=toString:x",
      "focus=network:n1",
      "focus=network:n1~3",
      "focus=~2",
      "focus=nope:n1~2",
      "stopped=yes",
      "driver=,,",
      "driver=bad driver,<script>",
      "engine=",
      "group=everything",
      "at=1,2",
      "at=1,2,0",
      "at=1,2,-1",
      "at=a,b,c",
      "at=1,2,3,4",
      "at=Infinity,0,1",
      "t=yesterday",
      "t=",
      `t=2026-03-01T14:02:03Z${"0".repeat(40)}`,
      "since=2026-13-45T99:00:00Z",
      "renderer=webgl",
      "utm_source=x",
      "%E0%A4%A=1",
    ];
    for (const query of junk) expect(decode(query)).toEqual(DEFAULT_VIEW_STATE);
  });

  it("keeps the sensible part of a half-broken link", () => {
    expect(decode("sel=container:c1&at=nope&driver=bridge,%20bad,bridge&stopped=1")).toEqual({
      ...DEFAULT_VIEW_STATE,
      selection: { kind: "container", id: "c1" },
      drivers: ["bridge"],
      stopped: true,
    });
  });

  it("reads a moment written any way Date.parse does, as ISO-8601 in UTC", () => {
    expect(decode("t=2026-03-01T15:02:03%2B01:00").t).toBe("2026-03-01T14:02:03.000Z");
    expect(decode("since=2026-03-01T14:02:03Z").since).toBe("2026-03-01T14:02:03.000Z");
  });

  it("bounds the search text", () => {
    expect(decode(`q=${"x".repeat(5000)}`).q).toHaveLength(200);
  });
});

describe("isNavigation", () => {
  const a: ViewState = { ...DEFAULT_VIEW_STATE, selection: { kind: "network", id: "n1" } };

  it("is a new selection or focus", () => {
    expect(isNavigation(a, { ...a, selection: { kind: "network", id: "n2" } })).toBe(true);
    expect(isNavigation(a, { ...a, selection: null })).toBe(true);
    expect(isNavigation(a, { ...a, focus: { target: a.selection!, hops: 1 } })).toBe(true);
    const focused = { ...a, focus: { target: a.selection!, hops: 1 as const } };
    expect(isNavigation(focused, { ...focused, focus: { target: a.selection!, hops: 2 } })).toBe(
      true,
    );
  });

  it("is entering or leaving the past, or changes-since", () => {
    const past = { ...a, t: "2026-03-01T14:02:03.000Z" };
    expect(isNavigation(a, past)).toBe(true);
    expect(isNavigation(past, a)).toBe(true);
    expect(isNavigation(a, { ...a, since: "2026-03-01T14:00:00.000Z" })).toBe(true);
  });

  it("is not scrubbing the timeline or moving the changes-since moment", () => {
    const past = { ...a, t: "2026-03-01T14:02:03.000Z", since: "2026-03-01T14:00:00.000Z" };
    expect(
      isNavigation(past, { ...past, t: "2026-03-01T13:02:03.000Z", since: "2026-03-01T13:00:00Z" }),
    ).toBe(false);
  });

  it("is not typing, filtering or moving the map", () => {
    expect(
      isNavigation(a, {
        ...a,
        selection: { kind: "network", id: "n1" },
        q: "web",
        stopped: true,
        drivers: ["bridge"],
        engine: "e",
        group: "project",
        view: { x: 1, y: 2, k: 3 },
      }),
    ).toBe(false);
  });
});

describe("withoutMissing", () => {
  const lab = fixtureTopology("lab");
  const web = lab.containers.find((c) => c.name === "web")!;
  const network = lab.networks.find((n) => n.name === "lab-mynet")!;

  it("keeps what is there", () => {
    const state: ViewState = {
      ...DEFAULT_VIEW_STATE,
      selection: { kind: "container", id: web.id },
      focus: { target: { kind: "network", id: network.id }, hops: 2 },
      q: "web",
    };
    expect(withoutMissing(state, lab)).toBe(state);
    for (const target of [
      { kind: "sandbox", id: web.sandboxId! },
      { kind: "endpoint", id: lab.endpoints[0]!.id },
      { kind: "hostPorts", id: "host-ports" },
    ] as const) {
      expect(withoutMissing({ ...state, selection: target }, lab).selection).toEqual(target);
    }
  });

  it("drops a selection or focus on something gone, and nothing else", () => {
    const state: ViewState = {
      ...DEFAULT_VIEW_STATE,
      selection: { kind: "container", id: "gone" },
      focus: { target: { kind: "service", id: "gone" }, hops: 1 },
      q: "web",
      stopped: true,
    };
    expect(withoutMissing(state, lab)).toEqual({ ...state, selection: null, focus: null });
  });
});
