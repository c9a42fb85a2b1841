import { describe, expect, it } from "vitest";
import { loginPath, safeReturnPath } from "./return-path";

describe("safeReturnPath", () => {
  it("keeps a path on this site, query and hash included", () => {
    expect(safeReturnPath("/?sel=container:abc&q=web&at=1,2,0.5")).toBe(
      "/?sel=container:abc&q=web&at=1,2,0.5",
    );
    expect(safeReturnPath("/audit")).toBe("/audit");
    expect(safeReturnPath("/#x")).toBe("/#x");
  });

  it.each([
    null,
    undefined,
    "",
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    "evil.example",
    "/login",
    "/login?next=/",
  ])("sends %j home", (next) => {
    expect(safeReturnPath(next)).toBe("/");
  });
});

describe("loginPath", () => {
  it("carries the page asked for, or nothing for the home page", () => {
    expect(loginPath("/")).toBe("/login");
    expect(loginPath("/?sel=network:n1")).toBe("/login?next=%2F%3Fsel%3Dnetwork%3An1");
    expect(loginPath("//evil.example")).toBe("/login");
  });
});
