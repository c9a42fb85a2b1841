// Record the engine's current state as a unit-test fixture: the raw Engine JSON the topology is
// built from (<name>.snapshot.json). Run: npm run fixture:record -- <name>
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { readEngineSnapshot } from "@/lib/docker/snapshot";

const name = process.argv[2];
if (!name || !/^[a-z0-9-]+$/.test(name)) {
  console.error("usage: npm run fixture:record -- <name>   (lower-case letters, digits, '-')");
  process.exit(2);
}
const { snapshot } = await readEngineSnapshot();
const file = join(process.cwd(), "lib/topology/__fixtures__", `${name}.snapshot.json`);
writeFileSync(file, JSON.stringify(snapshot, null, 2) + "\n");
console.log(
  `recorded ${snapshot.containers.length} containers, ${snapshot.networks.length} networks → ${file}`,
);
