import { z } from "zod";
import { engineIdSchema } from "@/lib/topology/engine-target";

/** A Docker object reference in a URL: a full or short id, or a name. */
export const dockerRef = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/,
    "must be a Docker id or name (letters, digits, '_', '.', '-'; at most 255)",
  );

export const refParams = z.object({ id: dockerRef });

const engineQuerySchema = z.object({ engineId: engineIdSchema });

/** `?engineId=` of a request, if given; 400 naming the field when it is not an engine name. */
export function engineQuery(req: Request): string | undefined {
  const engineId = new URL(req.url).searchParams.get("engineId");
  return engineId === null ? undefined : engineQuerySchema.parse({ engineId }).engineId;
}
