/**
 * `npm run bench` (full) and `npm run bench:smoke` (`--smoke`): runs the suite and prints one Markdown table,
 * with the machine, on stdout; progress goes to stderr. `npm run bench -- --sizes 50,500,5000` sets the scaling
 * sizes and runs the largest even when it will take long.
 */
import { renderTable } from "./table.ts";
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

const config = configFromArgs(process.argv.slice(2));
const log = (message: string): void => {
  process.stderr.write(`[bench ${config.name}] ${message}\n`);
};
const result = await runSuite(config, log);
const lines = [
  `### structgen benchmarks (${config.name})`,
  "",
  `Machine: ${result.machine}.`,
  "",
  renderTable(result.rows),
  "",
  ...result.notes.map((note) => `- ${note}`),
  `- Suite time: ${(result.elapsedMs / 1000).toFixed(0)} s.`,
];
process.stdout.write(`${lines.join("\n")}\n`);
