/**
 * Runs a Node.js script as a child process and measures its wall time (from spawn to exit, in the parent) and,
 * on request, its peak RSS: through `/usr/bin/time -v` when present, else through rss-probe.mjs, which the child
 * loads with `--import` and which reports process.resourceUsage().maxRSS on exit.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const GNU_TIME = "/usr/bin/time";
const RSS_PROBE = new URL("./rss-probe.mjs", import.meta.url).href;

export interface RunOptions {
  readonly cwd: string;
  /** Measure peak RSS. */
  readonly rss?: boolean;
  /** Extra node flags, before the script (e.g. --cpu-prof). */
  readonly nodeFlags?: readonly string[];
  /** The Node.js executable. @default the bench's own (process.execPath) */
  readonly node?: string;
  /** Exit codes that count as success. @default [0] */
  readonly okExitCodes?: readonly number[];
  /** Kill the run (its whole process group) after this long, and throw. @default no limit */
  readonly timeoutMs?: number;
}

export interface RunResult {
  readonly wallMs: number;
  /** KiB; undefined unless requested. */
  readonly peakRssKiB: number | undefined;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function rssMethod(): string {
  return existsSync(GNU_TIME) ? "/usr/bin/time -v" : "process.resourceUsage().maxRSS in the child";
}

/** `node <nodeFlags> <script> <args>`; throws when the exit code is not accepted. */
export async function runNode(
  script: string,
  args: readonly string[],
  options: RunOptions,
): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Each tool runs as a user's shell would start it: a compile cache only where the tool turns one on itself.
  for (const name of ["NODE_OPTIONS", "NODE_COMPILE_CACHE", "NODE_DISABLE_COMPILE_CACHE"]) {
    delete env[name];
  }
  const node = options.node ?? process.execPath;
  const nodeArgs = [...(options.nodeFlags ?? []), script, ...args];
  let command = node;
  let commandArgs = nodeArgs;
  let scratch: string | undefined;
  let rssFile: string | undefined;
  if (options.rss === true) {
    scratch = mkdtempSync(join(tmpdir(), "structgen-bench-rss-"));
    rssFile = join(scratch, "rss.txt");
    if (existsSync(GNU_TIME)) {
      command = GNU_TIME;
      commandArgs = ["-v", "-o", rssFile, node, ...nodeArgs];
    } else {
      commandArgs = ["--import", RSS_PROBE, ...nodeArgs];
      env["STRUCTGEN_BENCH_RSS_FILE"] = rssFile;
    }
  }
  try {
    const started = performance.now();
    let timedOut = false;
    const { exitCode, stdout, stderr } = await new Promise<{
      exitCode: number;
      stdout: string;
      stderr: string;
    }>((resolve, reject) => {
      const limited = options.timeoutMs !== undefined && Number.isFinite(options.timeoutMs);
      // With a time limit the child leads its own process group, so the kill reaches node under /usr/bin/time.
      const child = spawn(command, commandArgs, {
        cwd: options.cwd,
        env,
        stdio: ["ignore", "pipe", "pipe"],
        detached: limited,
      });
      const timer = limited
        ? setTimeout(() => {
            timedOut = true;
            if (child.pid !== undefined) {
              try {
                process.kill(-child.pid, "SIGKILL");
              } catch {
                child.kill("SIGKILL");
              }
            }
          }, options.timeoutMs)
        : undefined;
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
      child.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        resolve({
          exitCode: code ?? (signal === null ? -1 : 128),
          stdout: Buffer.concat(out).toString("utf8"),
          stderr: Buffer.concat(err).toString("utf8"),
        });
      });
    });
    const wallMs = performance.now() - started;
    if (timedOut) {
      throw new Error(
        `${script} ${args.join(" ")} timed out after ${Math.round(wallMs / 1000)} s (killed)`,
      );
    }
    if (!(options.okExitCodes ?? [0]).includes(exitCode)) {
      throw new Error(
        `${script} ${args.join(" ")} exited with ${exitCode}\n${stderr.slice(0, 2000)}`,
      );
    }
    let peakRssKiB: number | undefined;
    if (rssFile !== undefined) {
      const text = readFileSync(rssFile, "utf8");
      const match =
        /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(text) ?? /^(\d+)$/.exec(text.trim());
      if (match === null) {
        throw new Error(`cannot read the peak RSS from ${rssFile}: ${text.slice(0, 500)}`);
      }
      peakRssKiB = Number(match[1]);
    }
    return { wallMs, peakRssKiB, exitCode, stdout, stderr };
  } finally {
    if (scratch !== undefined) {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
}
