/**
 * `npm run conformance -- <corpus dir>`: runs structgen over a JSON Structure corpus laid out like
 * ../shared/corpus/json-structure and prints the conformance table. Exit code 1 when anything is not as expected.
 * `npm run conformance -- --catalog <dir>`: the catalog conformance over a corpus laid out like
 * ../shared/corpus/catalog; exit code 1 when fewer than 98 % of the files pass.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { runCatalogConformance } from "./catalog.js";
import { renderCatalogReport, totals } from "./catalog-table.js";
import { runConformance } from "./conformance.js";
import { readCorpus } from "./corpus.js";
import { renderReport } from "./table.js";

const catalog = process.argv[2] === "--catalog";
const dir = process.argv[catalog ? 3 : 2];
if (dir === undefined) {
  process.stderr.write("usage: npm run conformance -- [--catalog] <corpus dir>\n");
  process.exit(2);
}
if (catalog) {
  const report = await runCatalogConformance(resolve(dir));
  process.stdout.write(`${renderCatalogReport(report)}\n`);
  const t = totals(report);
  process.exit(t.passing >= 0.98 * t.files ? 0 : 1);
}
const expectedPaths = JSON.parse(
  readFileSync(new URL("./expected-paths.json", import.meta.url), "utf8"),
) as Record<string, string>;
delete expectedPaths["_comment"];
const report = await runConformance(readCorpus(resolve(dir)), expectedPaths);
process.stdout.write(`${renderReport(report)}\n`);
process.exitCode = [...report.schemas, ...report.instances].every((r) => r.pass) ? 0 : 1;
