/**
 * `npm run bench` (full) and `npm run bench:smoke` (`--smoke`): runs the suite and prints issue 14's targets and
 * one Markdown table, with the machine, on stdout; progress goes to stderr.
 * - `npm run bench -- --sizes 50,500,5000` sets the scaling sizes and runs the largest even when it will take long;
 * - `npm run bench -- --node <path>` also measures issue 14's targets on that Node.js executable (say Node 24), in
 *   a column beside the bench's own Node;
 * - `npm run bench -- --profile [--node <path>]` prints, instead, where one document's time goes, by package (a
 *   CPU profile of one CLI run on each Node).
 */
import { existsSync } from "node:fs";
import { profileRun } from "./profile.ts";
import { renderTable } from "./table.ts";
import { renderTargets } from "./targets.ts";
import { type BenchConfig, FULL, runSuite, SMOKE } from "./suite.ts";

/** `--smoke`; `--sizes a,b,c` sets the scaling sizes and lifts the time cap on the largest. */
function configFromArgs(args: readonly string[]): BenchConfig {
  const base = args.includes("--smoke") ? SMOKE : FULL;
  const at = args.indexOf("--sizes");
  if (at < 0) {
    return base;
  }
  const sizes = (args[at + 1] ?? "").split(",").map(Number);
  if (
    sizes.length !== 3 ||
    !sizes.every((n) => Number.isInteger(n) && n > 0) ||
    !(sizes[0]! < sizes[1]! && sizes[1]! < sizes[2]!)
  ) {
    throw new Error("--sizes takes three increasing document counts, e.g. --sizes 50,500,5000");
  }
  return {
    ...base,
    scalingSizes: [sizes[0]!, sizes[1]!, sizes[2]!],
    largestBudgetMs: Number.POSITIVE_INFINITY,
  };
}

/** `--node <path>`: a Node.js executable to measure the targets on too. */
function otherNodeFromArgs(args: readonly string[]): string | undefined {
  const at = args.indexOf("--node");
  if (at < 0) {
    return undefined;
  }
  const path = args[at + 1];
  if (path === undefined || !existsSync(path)) {
    throw new Error(`--node takes the path of a Node.js executable; ${path ?? "none"} is not one`);
  }
  return path;
}

const args = process.argv.slice(2);
const otherNode = otherNodeFromArgs(args);
if (args.includes("--profile")) {
  const profiles = [await profileRun("one", 1)];
  if (otherNode !== undefined) {
    profiles.push(await profileRun("one", 1, otherNode));
  }
  process.stdout.write(`${profiles.join("\n\n")}\n`);
} else {
  const config = configFromArgs(args);
  const log = (message: string): void => {
    process.stderr.write(`[bench ${config.name}] ${message}\n`);
  };
  const result = await runSuite(config, log, otherNode);
  const lines = [
    `### structgen benchmarks (${config.name})`,
    "",
    `Machine: ${result.machine}.`,
    "",
    "Issue 14's targets (ratios against json-schema-to-typescript's CLI and ajv on the same Node; medians):",
    "",
    renderTargets(result.targets),
    "",
    renderTable(result.rows),
    "",
    ...result.notes.map((note) => `- ${note}`),
    `- Suite time: ${(result.elapsedMs / 1000).toFixed(0)} s.`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
