// What `POST /api/networks/[id]/connect` and `/disconnect` accept, shared with the forms.
import { z } from "zod";
import { cidrContains, parseAddress, parseCidr } from "./cidr";
import { engineIdSchema } from "./engine-target";
import type { Network } from "./types";

const ref = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/,
    "must be a Docker id or name (letters, digits, '_', '.', '-')",
  );
const alias = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/,
    "must be a DNS name: letters, digits, '_', '.', '-', at most 63",
  );
const address = (family: 4 | 6) =>
  z.string().refine((s) => parseAddress(s)?.family === family, `must be an IPv${family} address`);

export const connectSpecSchema = z.strictObject({
  containerId: ref,
  aliases: z.array(alias).max(32, "at most 32 aliases").optional(),
  ipv4Address: address(4).optional(),
  ipv6Address: address(6).optional(),
  driverOpts: z.record(z.string().max(256), z.string().max(1024)).optional(),
  /** The container's engine, when the caller wants to say it; it must agree with where it runs. */
  engineId: engineIdSchema.optional(),
});
export type ConnectSpec = z.infer<typeof connectSpecSchema>;

export const disconnectSpecSchema = z.strictObject({
  containerId: ref,
  force: z.boolean().optional(),
  engineId: engineIdSchema.optional(),
});
export type DisconnectSpec = z.infer<typeof disconnectSpecSchema>;

/** A static address must lie in one of the network's subnets; Docker's own error says less. */
export function staticAddressProblems(
  spec: ConnectSpec,
  network: Network,
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const subnets = network.subnets.map((s) => parseCidr(s.subnet)).filter((c) => c !== null);
  for (const field of ["ipv4Address", "ipv6Address"] as const) {
    const value = spec[field];
    const a = value ? parseAddress(value) : null;
    if (!value || !a) continue;
    if (!subnets.some((s) => cidrContains(s, a))) {
      const theirs = network.subnets.map((s) => s.subnet).join(", ") || "none";
      problems.push({
        field,
        message: `${value} is outside the subnets of ${network.name} (${theirs})`,
      });
    }
  }
  return problems;
}
