import { describe, expect, it } from "vitest";
import type { ProbeConnect } from "../topology/reach-types";
import { connectOutcome, connectWords, dnsWords } from "./probe-words";

// The probe's `observed` as docs/api.md gives it (not Engine JSON: Netlens's own contract).
const tcp: ProbeConnect = {
  address: "172.20.0.3",
  port: 80,
  ok: true,
  error: null,
  ms: 3,
  method: "tcp",
};

describe("connect in words", () => {
  it("names the outcome in one word and says it in a sentence", () => {
    expect(connectOutcome(tcp)).toBe("connected");
    expect(connectWords(tcp)).toBe("connected to 172.20.0.3:80 in 3 ms");
    const ping = { ...tcp, port: null, method: "ping" as const };
    expect(connectOutcome(ping)).toBe("answered");
    expect(connectWords(ping)).toBe("172.20.0.3 answered a ping in 3 ms");
  });

  it("explains each failure", () => {
    const failed = (error: string) => ({ ...tcp, ok: false, error, ms: 2000 });
    expect(connectOutcome(failed("refused"))).toBe("refused");
    expect(connectWords(failed("refused"))).toMatch(/path is open, but nothing listens/);
    expect(connectWords(failed("timeout"))).toBe("no answer from 172.20.0.3:80 within 2000 ms");
    expect(connectWords({ ...failed("no-address"), address: null })).toMatch(/no address/);
    expect(connectWords(failed("bad things"))).toBe(
      "connecting to 172.20.0.3:80 failed: bad things",
    );
  });
});

describe("dnsWords", () => {
  it("gives the answer, or says the name does not resolve", () => {
    expect(dnsWords(null)).toBeNull();
    expect(dnsWords({ name: "db", addresses: ["172.20.0.3"], ok: true })).toBe("db → 172.20.0.3");
    expect(dnsWords({ name: "db", addresses: [], ok: false })).toBe(
      "db does not resolve from here",
    );
  });
});
