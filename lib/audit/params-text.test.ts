import { describe, expect, it } from "vitest";
import { paramsText } from "./params-text";

describe("paramsText", () => {
  it("spaces JSON so it wraps between values", () => {
    expect(
      paramsText(
        '{"name":"n","driver":"bridge","labels":{"netlens.test":"1"},"ipam":{"config":[{"subnet":"10.0.0.0/24"}]},"internal":false,"mtu":null}',
      ),
    ).toBe(
      '{ "name": "n", "driver": "bridge", "labels": { "netlens.test": "1" }, "ipam": { "config": [{ "subnet": "10.0.0.0/24" }] }, "internal": false, "mtu": null }',
    );
  });

  it("keeps empty objects and arrays short", () => {
    expect(paramsText('{"a":{},"b":[]}')).toBe('{ "a": {}, "b": [] }');
  });

  it("leaves text that is not JSON alone", () => {
    expect(paramsText("")).toBe("");
    expect(paramsText("force=true")).toBe("force=true");
  });
});
