// IPv4/IPv6 address and CIDR arithmetic, enough to validate network specs: parse, contain, overlap.

export type Family = 4 | 6;
export type Cidr = { family: Family; base: bigint; prefix: number; text: string };

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseV4(s: string): bigint | null {
  const m = V4.exec(s);
  if (!m) return null;
  let n = 0n;
  for (const part of m.slice(1)) {
    const v = Number(part);
    if (v > 255 || (part.length > 1 && part.startsWith("0"))) return null;
    n = (n << 8n) | BigInt(v);
  }
  return n;
}

function parseV6(s: string): bigint | null {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.split("::").length > 2) return null;
  let tail = s;
  let v4: bigint | null = null;
  // An embedded IPv4 tail (::ffff:1.2.3.4) stands for the last two groups.
  const lastColon = s.lastIndexOf(":");
  if (s.slice(lastColon + 1).includes(".")) {
    v4 = parseV4(s.slice(lastColon + 1));
    if (v4 === null) return null;
    tail = s.slice(0, lastColon + 1) + "0:0";
  }
  const [head = "", rest] = tail.split("::");
  const groups = (x: string) => (x === "" ? [] : x.split(":"));
  const h = groups(head);
  const t = rest === undefined ? [] : groups(rest);
  if (rest === undefined && h.length !== 8) return null;
  if (rest !== undefined && h.length + t.length > 7) return null;
  const all = [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  let n = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  if (v4 !== null) n = (n & ~0xffffffffn) | v4;
  return n;
}

export function parseAddress(s: string): { family: Family; value: bigint } | null {
  const v4 = parseV4(s);
  if (v4 !== null) return { family: 4, value: v4 };
  const v6 = s.includes(":") ? parseV6(s) : null;
  return v6 === null ? null : { family: 6, value: v6 };
}

const bits = (f: Family) => (f === 4 ? 32 : 128);

/** "10.1.0.0/24" → Cidr; null when it is not a CIDR. The host bits need not be zero (Docker masks them). */
export function parseCidr(s: string): Cidr | null {
  const slash = s.indexOf("/");
  if (slash < 0 || s.indexOf("/", slash + 1) >= 0) return null;
  const addr = parseAddress(s.slice(0, slash));
  const prefixText = s.slice(slash + 1);
  if (!addr || !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (prefix > bits(addr.family)) return null;
  const mask = ((1n << BigInt(prefix)) - 1n) << BigInt(bits(addr.family) - prefix);
  return { family: addr.family, base: addr.value & mask, prefix, text: s };
}

/** Why `s` is not a CIDR, in words a person can act on; null when it is one. */
export function cidrProblem(s: string): string | null {
  const slash = s.indexOf("/");
  if (slash < 0) return `"${s}" needs a prefix length, e.g. ${s || "10.1.0.0"}/24`;
  const addr = parseAddress(s.slice(0, slash));
  if (!addr) return `"${s.slice(0, slash)}" is not an IPv4 or IPv6 address`;
  const prefixText = s.slice(slash + 1);
  const max = bits(addr.family);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) {
    return `/${prefixText} is not a valid IPv${addr.family} prefix length (0–${max})`;
  }
  return null;
}

function size(c: Cidr): bigint {
  return 1n << BigInt(bits(c.family) - c.prefix);
}

export function cidrContains(c: Cidr, address: { family: Family; value: bigint }): boolean {
  return c.family === address.family && address.value >= c.base && address.value < c.base + size(c);
}

/** Whether `inner` lies wholly inside `outer`. */
export function cidrWithin(inner: Cidr, outer: Cidr): boolean {
  return (
    inner.family === outer.family &&
    inner.prefix >= outer.prefix &&
    cidrContains(outer, { family: inner.family, value: inner.base })
  );
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  if (a.family !== b.family) return false;
  return a.base < b.base + size(b) && b.base < a.base + size(a);
}
