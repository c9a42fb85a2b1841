import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor";

describe("history cursors", () => {
  const key = "a-key-kept-in-history-db";

  it("round-trips, with its order", () => {
    expect(decodeCursor(encodeCursor({ order: "asc", lastId: 1234 }, key), key)).toEqual({
      order: "asc",
      lastId: 1234,
    });
    expect(decodeCursor(encodeCursor({ order: "desc", lastId: 7 }, key), key)).toEqual({
      order: "desc",
      lastId: 7,
    });
  });

  it("refuses a forged, altered or foreign cursor", () => {
    const good = encodeCursor({ order: "asc", lastId: 1234 }, key);
    const [, mac] = good.split(".");
    const altered = `${Buffer.from("asc:9999").toString("base64url")}.${mac}`;
    for (const bad of [
      "",
      "abc",
      altered,
      `${good}.x`,
      encodeCursor({ order: "asc", lastId: 1234 }, "another-key"),
      good.slice(0, -1),
    ]) {
      expect(decodeCursor(bad, key), bad).toBeNull();
    }
  });
});
