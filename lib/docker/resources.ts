import "server-only";
import type { EngineContainerInspect } from "@/lib/topology/engine-types";
import { engineCall } from "./client";
import { pickInspect } from "./pick-inspect";

/** `docker network inspect` as the engine returns it (with its Containers map). */
export function inspectNetwork(ref: string): Promise<Record<string, unknown>> {
  return engineCall(
    (d) => d.getNetwork(ref).inspect() as Promise<unknown> as Promise<Record<string, unknown>>,
  );
}

/** The network-related part of `docker inspect <container>`. */
export async function inspectContainer(ref: string): Promise<EngineContainerInspect> {
  const raw = await engineCall((d) => d.getContainer(ref).inspect());
  return pickInspect(raw as unknown as Record<string, unknown>);
}

export async function engineVersion(): Promise<{ serverVersion: string; apiVersion: string }> {
  const v = await engineCall((d) => d.version());
  return { serverVersion: v.Version, apiVersion: v.ApiVersion };
}
