import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { endpointOf, FULL_RULES } from "../../scripts/docker-api-proxy";
import {
  DOC_FILE,
  missingRecordings,
  recordedEndpoints,
  renderDoc,
  renderReadme,
} from "./endpoint-list";

// After the full-profile specs (project proxy-endpoints depends on proxy): what Netlens asked
// for is exactly the proxy's allow-list, and the docs and the README say exactly that.
const FIX = "regenerate them with `npm run docs:endpoints` (after the proxy project ran)";

test("the recorded endpoints are exactly the allow-list", () => {
  expect(missingRecordings()).toEqual([]);
  const recorded = recordedEndpoints();
  const allowed = FULL_RULES.map(endpointOf);
  expect(
    allowed.filter((e) => !recorded.includes(e)),
    "allowed but never asked for: drop them from FULL_RULES",
  ).toEqual([]);
  expect(recorded.filter((e) => !allowed.includes(e))).toEqual([]);
});

test("docs/engine-endpoints.md and the README list the recorded endpoints", async () => {
  const recorded = recordedEndpoints();
  expect(readFileSync(DOC_FILE, "utf8"), `${DOC_FILE} is stale: ${FIX}`).toBe(
    await renderDoc(recorded),
  );
  const readme = readFileSync("README.md", "utf8");
  expect(readme, `README.md is stale: ${FIX}`).toBe(await renderReadme(readme, recorded));
});
