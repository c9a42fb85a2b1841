import { z } from "zod";

/** A Docker object reference in a URL: a full or short id, or a name. */
export const dockerRef = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/,
    "must be a Docker id or name (letters, digits, '_', '.', '-'; at most 255)",
  );

export const refParams = z.object({ id: dockerRef });
