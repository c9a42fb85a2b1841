import { describe, expect, it } from "vitest";
import { crossSiteProblem, hostProblem } from "./request-checks";

describe("hostProblem", () => {
  it("lets loopback names and listed hosts through, with or without a port", () => {
    for (const host of [
      "localhost:3000",
      "127.0.0.1",
      "127.1.2.3:80",
      "[::1]:3000",
      "app.localhost",
    ]) {
      expect(hostProblem(host, []), host).toBeNull();
    }
    expect(hostProblem("netlens.internal:443", ["netlens.internal"])).toBeNull();
  });

  it("refuses other names, a missing Host, and look-alikes", () => {
    for (const host of [
      "rebind.example",
      "localhost.evil.example",
      "127.0.0.1.nip.io",
      "10.0.0.5:3000",
    ]) {
      expect(hostProblem(host, []), host).toMatch(/is not allowed/);
    }
    expect(hostProblem(null, [])).toMatch(/no Host/);
  });
});

describe("crossSiteProblem", () => {
  const h = (init: Record<string, string>) => new Headers({ host: "127.0.0.1:3000", ...init });
  it("accepts same-origin pages and clients that send no browser headers", () => {
    expect(crossSiteProblem(h({}))).toBeNull();
    expect(
      crossSiteProblem(h({ "sec-fetch-site": "same-origin", origin: "http://127.0.0.1:3000" })),
    ).toBeNull();
    expect(crossSiteProblem(h({ "sec-fetch-site": "none" }))).toBeNull();
  });
  it("refuses cross-site and same-site fetches, foreign and null origins", () => {
    expect(crossSiteProblem(h({ "sec-fetch-site": "cross-site" }))).toMatch(/cross-site/);
    expect(crossSiteProblem(h({ "sec-fetch-site": "same-site" }))).toMatch(/same-site/);
    expect(crossSiteProblem(h({ origin: "https://evil.example" }))).toMatch(/evil\.example/);
    expect(crossSiteProblem(h({ origin: "null" }))).toMatch(/Origin: null/);
    expect(crossSiteProblem(h({ origin: "http://127.0.0.1:9999" }))).toMatch(/only from Netlens/);
  });
});
