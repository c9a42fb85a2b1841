// GET /api/drivers[?engineId=] — the network drivers an engine can create networks with, plugins included.
import { NextResponse } from "next/server";
import { read } from "@/lib/api/guard";
import { defaultEngineId } from "@/lib/docker/client";
import { engineQuery } from "@/lib/api/params";
import { networkDrivers } from "@/lib/docker/networks";
import { knownEngine } from "@/lib/server/network-actions";
import { currentTopology } from "@/lib/server/current-topology";
import { workerOverlayReason } from "@/lib/topology/engine-target";

export const dynamic = "force-dynamic";

// host and null exist only as their predefined networks; nothing new can be made with them.
const NOT_CREATABLE = new Set(["host", "null"]);

/** Why this engine cannot create an overlay network, or undefined when it can. */
async function overlayNote(engineId: string, swarmActive: boolean, manager: boolean) {
  if (!swarmActive) return "needs swarm mode (docker swarm init)";
  if (manager) return undefined;
  // Only a worker's answer needs the other engines: to name a manager instead.
  return workerOverlayReason(engineId, (await currentTopology()).topology.engines);
}

export const GET = read(async (req: Request) => {
  const engineId = knownEngine(engineQuery(req)) ?? defaultEngineId;
  const { builtin, plugins, swarmActive, swarmManager } = await networkDrivers(engineId);
  const note = await overlayNote(engineId, swarmActive, swarmManager);
  const drivers = [
    ...builtin
      .filter((name) => !NOT_CREATABLE.has(name))
      .map((name) =>
        name === "overlay"
          ? {
              name,
              kind: "builtin",
              scope: "swarm",
              available: note === undefined,
              ...(note === undefined ? {} : { note }),
            }
          : { name, kind: "builtin", scope: "local", available: true },
      ),
    ...plugins.map((p) => ({
      name: p.name,
      kind: "plugin",
      scope: "local",
      available: p.enabled,
      ...(p.enabled ? {} : { note: "plugin disabled" }),
    })),
  ];
  return NextResponse.json({ engineId, swarmActive, swarmManager, drivers });
});
