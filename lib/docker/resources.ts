import "server-only";
import type { EngineContainerInspect } from "@/lib/topology/engine-types";
import { engineCall } from "./client";
import { pickInspect } from "./pick-inspect";

/** `docker network inspect` as the engine returns it (with its Containers map). */
export function inspectNetwork(ref: string, engineId?: string): Promise<Record<string, unknown>> {
  return engineCall(
    (d) => d.getNetwork(ref).inspect() as Promise<unknown> as Promise<Record<string, unknown>>,
    engineId,
  );
}

/** The network-related part of `docker inspect <container>`. */
export async function inspectContainer(
  ref: string,
  engineId?: string,
): Promise<EngineContainerInspect> {
  const raw = await engineCall((d) => d.getContainer(ref).inspect(), engineId);
  return pickInspect(raw as unknown as Record<string, unknown>);
}

export async function engineVersion(
  engineId?: string,
): Promise<{ serverVersion: string; apiVersion: string }> {
  const v = await engineCall((d) => d.version(), engineId);
  return { serverVersion: v.Version, apiVersion: v.ApiVersion };
}
