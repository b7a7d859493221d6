/**
 * Stress mode and measurements. `npm run test:stress` (or STRUCTGEN_STRESS=1) runs the heavy sizes; `npm test`
 * the small ones. A measurement runs the built pipeline (dist/) on input files in a fresh Node process, after a
 * warm-up run, and reports its wall time and how far its resident memory peaked above where it started.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Options } from "../../src/options.js";
import { REPO_ROOT } from "./fixtures.js";

/** npm sets npm_lifecycle_event to the script's name, on every platform, for the runner and its workers. */
export const STRESS = process.env["STRUCTGEN_STRESS"] === "1" || process.env["npm_lifecycle_event"] === "test:stress";

export interface Measurement {
  readonly ms: number;
  /** Peak resident memory above the level after the warm-up run, in bytes (at least 1 MB, to keep ratios sane). */
  readonly peakBytes: number;
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
}

const CHILD = `
import { readFileSync } from "node:fs";
const { generate } = await import(process.env.SG_PIPELINE);
const job = JSON.parse(process.env.SG_JOB);
const warm = '{"jsonStructure": "0.1", "entity": "Warm", "fields": [{"name": "a", "type": "string", "enum": ["x"]}]}';
await generate({ inputs: [{ path: "warm.json", contents: warm }] }, job.options);
const before = process.memoryUsage().rss;
const started = performance.now();
const result = await generate({ inputs: job.inputs.map((path) => ({ path, contents: readFileSync(path) })) }, job.options);
const ms = performance.now() - started;
const peak = process.resourceUsage().maxRSS * 1024;
const count = (severity) => result.diagnostics.filter((d) => d.severity === severity).length;
process.stdout.write(JSON.stringify({ ms, peakBytes: Math.max(peak - before, 1 << 20), files: result.files.length, errors: count("error"), warnings: count("warning") }));
`;

/** Runs the pipeline once on `inputs` (paths) in a new process; rejects after `timeoutMs` (a hang). */
export function measure(inputs: readonly string[], options: Options, timeoutMs: number): Promise<Measurement> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SG_PIPELINE: pathToFileURL(join(REPO_ROOT, "dist", "pipeline.js")).href,
    SG_JOB: JSON.stringify({ inputs, options }),
  };
  delete env["NODE_OPTIONS"];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--max-old-space-size=8192", "--input-type=module", "-e", CHILD],
      { env, timeout: timeoutMs, maxBuffer: 1 << 20, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error !== null) {
          reject(new Error(`measurement failed: ${error.message}\n${stderr.slice(0, 2000)}`));
          return;
        }
        resolve(JSON.parse(stdout) as Measurement);
      },
    );
  });
}
