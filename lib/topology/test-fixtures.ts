// Recorded Engine snapshots (see scripts/record-fixture.mts), for unit tests of pure code.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { EngineSnapshot } from "./engine-types";

export type FixtureName =
  | "lab"
  | "owner-stopped"
  | "owner-restarted"
  | "failed-start"
  /** The lab plus scripts/reach-lab.sh: every reachability case. */
  | "reach"
  /** The lab plus containers labelled as compose projects (shop, blog) and a stack (stk). */
  | "grouping";

export function loadSnapshot(name: FixtureName): EngineSnapshot {
  const file = join(__dirname, "__fixtures__", `${name}.snapshot.json`);
  return JSON.parse(readFileSync(file, "utf8")) as EngineSnapshot;
}
