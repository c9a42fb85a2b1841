import { describe, expect, it } from "vitest";
import { adviceCounts, adviseOn } from "./advice";
import { buildTopology } from "./build-topology";
import { exposedContainerIds, exposureOf } from "./exposure";
import { loadSnapshot } from "./test-fixtures";

const reach = buildTopology(loadSnapshot("reach"));
const idOf = (name: string) => reach.containers.find((c) => c.name === name)?.id;

describe("exposure", () => {
  const entries = exposureOf(reach);

  it("lists published bindings with their scope", () => {
    const web = entries.filter((e) => e.name === "web");
    expect(web).toContainEqual({
      containerId: idOf("web"),
      name: "web",
      kind: "published",
      hostIp: "0.0.0.0",
      hostPort: 8080,
      containerPort: 80,
      protocol: "tcp",
      scope: "all-interfaces",
    });
    expect(web).toContainEqual(
      expect.objectContaining({ hostIp: "127.0.0.1", hostPort: 8443, scope: "loopback" }),
    );
  });

  it("lists host-network containers without ports", () => {
    expect(entries).toContainEqual({
      containerId: idOf("hostnet"),
      name: "hostnet",
      kind: "host-network",
      hostIp: null,
      hostPort: null,
      containerPort: null,
      protocol: null,
      scope: "all-interfaces",
    });
  });

  it("counts loopback-only containers as not exposed", () => {
    const exposed = exposedContainerIds(entries);
    expect(exposed.has(idOf("web") ?? "")).toBe(true);
    expect(exposed.has(idOf("nl-t-reach-a") ?? "")).toBe(false);
    expect(exposed.has(idOf("db") ?? "")).toBe(false);
  });
});

describe("advice", () => {
  const advice = adviseOn(reach);
  const about = (code: string) => advice.filter((a) => a.code === code).map((a) => a.subject.name);

  it("flags the default bridge, wide bindings, host and none mode", () => {
    expect(about("default-bridge-in-use")).toEqual(
      expect.arrayContaining(["legacy", "nl-t-reach-l1", "nl-t-reach-l2"]),
    );
    expect(about("published-all-interfaces")).toEqual(
      expect.arrayContaining(["web", "nl-t-reach-d"]),
    );
    expect(about("published-all-interfaces")).not.toContain("nl-t-reach-a");
    expect(about("host-network")).toEqual(
      expect.arrayContaining(["hostnet", "nl-t-reach-hostsrv"]),
    );
    expect(about("no-network")).toEqual(expect.arrayContaining(["isolated", "nl-t-reach-none"]));
  });

  it("flags duplicate names and unused networks, never predefined ones", () => {
    expect(about("duplicate-network-name")).toEqual(["nl-t-reach-dup", "nl-t-reach-dup"]);
    expect(about("unused-network")).toEqual(["nl-t-reach-dup", "nl-t-reach-dup"]);
    expect(about("unused-network")).not.toContain("none");
  });

  it("flags a stale sidecar as critical, first", () => {
    const stale = advice.find((a) => a.code === "shared-namespace-stale");
    expect(stale).toMatchObject({ severity: "critical", subject: { name: "nl-t-reach-stale" } });
    expect(stale?.fix?.command).toBe("docker restart nl-t-reach-stale");
    expect(advice[0]?.severity).toBe("critical");
  });

  it("flags a container that failed to start, with Docker's reason", () => {
    const failed = adviseOn(buildTopology(loadSnapshot("failed-start"))).find(
      (a) => a.code === "failed-to-start",
    );
    expect(failed?.message).toContain("failed to create the ipvlan port: operation not supported");
  });

  it("counts per severity", () => {
    const counts = adviceCounts(advice);
    expect(counts.critical + counts.warning + counts.info).toBe(advice.length);
    expect(counts.critical).toBe(1);
  });
});
