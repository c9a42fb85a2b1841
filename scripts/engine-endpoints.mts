// Write the Engine endpoints the proxy tests recorded into docs/engine-endpoints.md and the
// README's generated block (npm run docs:endpoints, after `playwright test --project=proxy`).
import { readFileSync, writeFileSync } from "node:fs";
import {
  DOC_FILE,
  missingRecordings,
  recordedEndpoints,
  renderDoc,
  renderReadme,
} from "../tests/proxy/endpoint-list";

const missing = missingRecordings();
if (missing.length) {
  console.error(`no recording at ${missing.join(", ")}: run the proxy project first`);
  process.exit(1);
}
const endpoints = recordedEndpoints();
writeFileSync(DOC_FILE, await renderDoc(endpoints));
writeFileSync("README.md", await renderReadme(readFileSync("README.md", "utf8"), endpoints));
console.log(`${endpoints.length} endpoints written to ${DOC_FILE} and README.md`);
