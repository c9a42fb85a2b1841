// What the reachability routes accept, for the query string (GET) and the probe's JSON body.
import { z } from "zod";

/** A container id, name or id prefix, or the words host / outside. */
const party = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/,
    "must be a container id or name, host, or outside (letters, digits, '_', '.', '-')",
  );
const port = z.number().int().min(1, "must be 1 to 65535").max(65535, "must be 1 to 65535");
const protocol = z.enum(["tcp", "udp"]);

export const reachQuerySchema = z.strictObject({
  from: party,
  to: party,
  port: z
    .string()
    .regex(/^\d{1,5}$/, "must be a port number, 1 to 65535")
    .transform(Number)
    .pipe(port)
    .optional(),
  protocol: protocol.optional(),
});

export const probeSpecSchema = z.strictObject({
  from: party,
  to: party,
  port: port.optional(),
  protocol: protocol.optional(),
});

export type ReachRequest = z.infer<typeof probeSpecSchema>;
