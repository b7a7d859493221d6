/** Runs the built CLI with test/helpers/trace-loads.mjs and lists the libraries the process loaded. */
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BIN, SPAWN_TIMEOUT_MS } from "./cli-process.js";
import { REPO_ROOT } from "./fixtures.js";

/**
 * Runs `structgen ...args` in `cwd` and lists the node_modules packages it loaded, with prettier's parser
 * plugins as `prettier/plugins`.
 */
export function runTraced(
  args: readonly string[],
  cwd: string,
): Promise<{ code: number | null; loaded: string[] }> {
  const trace = join(cwd, `trace-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(trace, "");
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", STRUCTGEN_TRACE_LOADS: trace };
  delete env["NODE_OPTIONS"];
  const hook = join(REPO_ROOT, "test", "helpers", "trace-loads.mjs");
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", hook, BIN, ...args],
      { cwd, env, timeout: SPAWN_TIMEOUT_MS },
      (error) => {
        const urls = readFileSync(trace, "utf8").split("\n");
        const loaded = new Set(
          urls.flatMap(
            (url) =>
              /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?:(plugins)\/)?/
                .exec(url)
                ?.slice(1, 3)
                .filter((part) => part !== undefined)
                .join("/") ?? [],
          ),
        );
        resolve({
          code: error === null ? 0 : typeof error.code === "number" ? error.code : null,
          loaded: [...loaded].sort(),
        });
      },
    );
  });
}
