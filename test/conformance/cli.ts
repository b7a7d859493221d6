/**
 * `npm run conformance -- <corpus dir>`: runs structgen over a JSON Structure corpus laid out like
 * ../shared/corpus/json-structure and prints the conformance table. Exit code 1 when anything is not as expected.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { runConformance } from "./conformance.js";
import { readCorpus } from "./corpus.js";
import { renderReport } from "./table.js";

const dir = process.argv[2];
if (dir === undefined) {
  process.stderr.write("usage: npm run conformance -- <corpus dir>\n");
  process.exit(2);
}
const expectedPaths = JSON.parse(
  readFileSync(new URL("./expected-paths.json", import.meta.url), "utf8"),
) as Record<string, string>;
delete expectedPaths["_comment"];
const report = await runConformance(readCorpus(resolve(dir)), expectedPaths);
process.stdout.write(`${renderReport(report)}\n`);
process.exitCode = [...report.schemas, ...report.instances].every((r) => r.pass) ? 0 : 1;
