// Test-only: topologies built by the API's own builder from engine snapshots recorded from a real
// engine (lib/topology/__fixtures__), never invented.
import { buildTopology } from "../topology/build-topology";
import { loadSnapshot, type FixtureName } from "../topology/test-fixtures";
import type { Topology } from "../topology/types";

export function fixtureTopology(name: FixtureName): Topology {
  return buildTopology(loadSnapshot(name), new Date("2026-01-01T00:00:00Z"));
}
