// What a probe saw, in words (POST /api/reachability/probe's `observed`). Pure.
import type { ProbeConnect, ProbeDns } from "../topology/reach-types";

/** One word for the attempt: connected, answered (a ping), refused, timeout, unreachable, … */
export function connectOutcome(c: ProbeConnect): string {
  if (c.ok) return c.method === "ping" ? "answered" : "connected";
  return c.error ?? "failed";
}

const target = (c: ProbeConnect) =>
  c.address === null ? "the target" : c.port === null ? c.address : `${c.address}:${c.port}`;

/** The attempt in a sentence. */
export function connectWords(c: ProbeConnect): string {
  if (c.ok) {
    return c.method === "ping"
      ? `${target(c)} answered a ping in ${c.ms} ms`
      : `connected to ${target(c)} in ${c.ms} ms`;
  }
  switch (c.error) {
    case "refused":
      return `${target(c)} refused the connection (${c.ms} ms): the path is open, but nothing listens on that port`;
    case "timeout":
      return `no answer from ${target(c)} within ${c.ms} ms`;
    case "unreachable":
      return `${target(c)} is unreachable from here (${c.ms} ms)`;
    case "no-address":
      return "nothing to try: the target has no address this probe may dial";
    default:
      return `${c.method === "ping" ? "ping" : "connecting"} to ${target(c)} failed: ${c.error}`;
  }
}

/** What Docker's embedded DNS answered, or null when no name was asked. */
export function dnsWords(dns: ProbeDns | null): string | null {
  if (!dns) return null;
  return dns.ok && dns.addresses.length > 0
    ? `${dns.name} → ${dns.addresses.join(", ")}`
    : `${dns.name} does not resolve from here`;
}
