import { describe, expect, it } from "vitest";
import { parseEngineList } from "./engine-list";

describe("parseEngineList (NETLENS_ENGINES)", () => {
  it("reads name=url pairs in order, spaces and empty parts ignored", () => {
    expect(
      parseEngineList(
        " node1=unix:///run/n1.sock , node2=tcp://10.0.0.12:2376,,edge=https://e:2376",
      ),
    ).toEqual([
      { name: "node1", url: "unix:///run/n1.sock" },
      { name: "node2", url: "tcp://10.0.0.12:2376" },
      { name: "edge", url: "https://e:2376" },
    ]);
  });

  it("says what is wrong, naming the engine", () => {
    expect(parseEngineList("node1")).toMatch(/each engine is name=url/);
    expect(parseEngineList("Node1=unix:///x")).toMatch(/lowercase/);
    expect(parseEngineList("a=unix:///x,a=unix:///y")).toBe("engine a is listed twice");
    expect(parseEngineList("a=/var/run/docker.sock")).toMatch(/engine a: the url must start/);
    expect(parseEngineList(",")).toBe("no engine listed");
  });

  it("refuses ssh:// with the socket forward that replaces it", () => {
    expect(parseEngineList("edge=ssh://ops@edge-1")).toContain(
      "ssh -nNT -L /run/edge.sock:/var/run/docker.sock ops@edge-1",
    );
  });
});
