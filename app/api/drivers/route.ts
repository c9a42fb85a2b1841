// GET /api/drivers — the network drivers this engine can create networks with, plugins included.
import { NextResponse } from "next/server";
import { read } from "@/lib/api/guard";
import { networkDrivers } from "@/lib/docker/networks";

export const dynamic = "force-dynamic";

// host and null exist only as their predefined networks; nothing new can be made with them.
const NOT_CREATABLE = new Set(["host", "null"]);

export const GET = read(async (_req: Request) => {
  const { builtin, plugins, swarmActive } = await networkDrivers();
  const drivers = [
    ...builtin
      .filter((name) => !NOT_CREATABLE.has(name))
      .map((name) =>
        name === "overlay"
          ? {
              name,
              kind: "builtin",
              scope: "swarm",
              available: swarmActive,
              ...(swarmActive ? {} : { note: "needs swarm mode (docker swarm init)" }),
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
  return NextResponse.json({ swarmActive, drivers });
});
