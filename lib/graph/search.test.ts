import { describe, expect, it } from "vitest";
import { fixtureTopology } from "./fixture-topology";
import { createSearchIndex } from "./search";
import { stripCidr } from "./format";

const lab = fixtureTopology("lab");

function search(query: string) {
  const index = createSearchIndex(lab, query);
  return {
    networks: lab.networks
      .filter(index.networkMatches)
      .map((n) => n.name)
      .sort(),
    containers: lab.containers
      .filter(index.containerMatches)
      .map((c) => c.name)
      .sort(),
  };
}

describe("resource search", () => {
  it("matches everything when empty", () => {
    expect(search("  ").containers).toHaveLength(lab.containers.length);
    expect(search("").networks).toHaveLength(lab.networks.length);
  });

  it("matches names", () => {
    expect(search("sidecar").containers).toEqual(["web-sidecar"]);
    expect(search("BACKEND").networks).toEqual(["lab-backend"]);
  });

  it("matches ids by prefix only", () => {
    const db = lab.containers.find((c) => c.name === "db")!;
    expect(search(db.id.slice(0, 6)).containers).toContain("db");
    expect(search(db.id.slice(10, 22)).containers).not.toContain("db");
  });

  it("matches drivers", () => {
    expect(search("macvlan")).toEqual({ networks: ["lab-macvlan"], containers: ["mv1"] });
  });

  it("matches an IP, including a joiner that shares the namespace", () => {
    const web = lab.containers.find((c) => c.name === "web")!;
    const endpoint = lab.endpoints.find((e) => e.sandboxId === web.sandboxId && e.ipv4Address)!;
    const ip = stripCidr(endpoint.ipv4Address!);
    const result = search(ip);
    expect(result.containers).toEqual(["web", "web-sidecar"]);
    expect(result.networks).toContain(lab.networks.find((n) => n.id === endpoint.networkId)!.name);
  });

  it("matches images, and needs every term", () => {
    const image = lab.containers[0]!.image;
    expect(search(image).containers).toHaveLength(
      lab.containers.filter((c) => c.image.includes(image)).length,
    );
    expect(search(`${image} hostnet`).containers).toEqual(["hostnet"]);
  });
});
