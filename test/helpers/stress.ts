/**
 * Stress mode and runs in a child process. `npm run test:stress` (or STRUCTGEN_STRESS=1) runs the heavy sizes;
 * `npm test` the small ones. A child runs the built pipeline (dist/) on input files in a fresh Node process, after
 * a warm-up run: a measurement reports its wall time, its CPU time and how far its resident memory peaked above
 * where it started; a full run returns the result, so that a crash fails one test rather than the worker.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Options } from "../../src/model/options.js";
import type { GenerateResult } from "../../src/pipeline/generate.js";
import { REPO_ROOT } from "./fixtures.js";

/** npm sets npm_lifecycle_event to the script's name, on every platform, for the runner and its workers. */
export const STRESS =
  process.env["STRUCTGEN_STRESS"] === "1" || process.env["npm_lifecycle_event"] === "test:stress";

export interface Measurement {
  readonly ms: number;
  /**
   * CPU time of the run (user and system, all of the process's threads): the work done, which, unlike wall time,
   * a busy machine does not stretch by preempting the child.
   */
  readonly cpuMs: number;
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
const cpu = process.cpuUsage();
const started = performance.now();
const result = await generate({ inputs: job.inputs.map((path) => ({ path, contents: readFileSync(path) })) }, job.options);
const ms = performance.now() - started;
const used = process.cpuUsage(cpu);
const peak = process.resourceUsage().maxRSS * 1024;
const count = (severity) => result.diagnostics.filter((d) => d.severity === severity).length;
const measured = { ms, cpuMs: (used.user + used.system) / 1000, peakBytes: Math.max(peak - before, 1 << 20), files: result.files.length, errors: count("error"), warnings: count("warning") };
process.stdout.write(JSON.stringify(job.full ? { files: result.files, diagnostics: result.diagnostics } : measured));
`;

/** Runs the child script on a job; rejects on a crash (out of memory, a stack overflow) or after `timeoutMs` (a hang). */
function runChild<T>(
  job: { inputs: readonly string[]; options: Options; full: boolean },
  timeoutMs: number,
  nodeFlags: readonly string[],
): Promise<T> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SG_PIPELINE: pathToFileURL(join(REPO_ROOT, "dist", "pipeline", "generate.js")).href,
    SG_JOB: JSON.stringify(job),
  };
  delete env["NODE_OPTIONS"];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...nodeFlags, "--input-type=module", "-e", CHILD],
      { env, timeout: timeoutMs, maxBuffer: 1 << 30, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error !== null) {
          const why = error.killed
            ? `no result after ${timeoutMs} ms (killed)`
            : error.message.split("\n")[0];
          reject(new Error(`the pipeline did not finish: ${why}\n${stderr.slice(0, 2000)}`));
          return;
        }
        resolve(JSON.parse(stdout) as T);
      },
    );
  });
}

/** Runs the pipeline once on `inputs` (paths) in a new process and measures it. */
export function measure(
  inputs: readonly string[],
  options: Options,
  timeoutMs: number,
): Promise<Measurement> {
  // A small young generation: otherwise V8 sizes it by how fast the run allocates, and peak RSS jumps by tens of
  // MB from run to run with no change in what the run holds (measured: ratios from 0.5 to 10.8 between the same
  // two sizes; 1.9 to 5.5 with this flag).
  return runChild<Measurement>({ inputs, options, full: false }, timeoutMs, [
    "--max-old-space-size=8192",
    "--max-semi-space-size=1",
  ]);
}

/**
 * Runs `generate()` on `inputs` in a new process with a heap of `heapMb`, so that a run that exhausts memory or
 * the stack fails this one call instead of the test worker, and returns its files and diagnostics.
 */
export function generateInChild(
  inputs: readonly string[],
  options: Options,
  timeoutMs: number,
  heapMb = 4096,
): Promise<GenerateResult> {
  return runChild<GenerateResult>({ inputs, options, full: true }, timeoutMs, [
    `--max-old-space-size=${heapMb}`,
  ]);
}
