/**
 * The bin turns on Node's compile cache where Node has it (22.1+) and skips it elsewhere (Node 20). The current
 * Node runs the bin as always; a Node with the cache is taken from STRUCTGEN_TEST_NODE or found on PATH (the tests
 * never download one) and must fill a cache folder, leave a user's NODE_COMPILE_CACHE and
 * NODE_DISABLE_COMPILE_CACHE in charge, and run as well when the cache cannot be used.
 */
import { execFile, execFileSync } from "node:child_process";
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import nodeModule from "node:module";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, describe, expect, it, type TestContext } from "vitest";
import { listFiles } from "./helpers/cli.js";
import { BIN, ensureBuilt, SPAWN_TIMEOUT_MS } from "./helpers/cli-process.js";
import { REPO_ROOT } from "./helpers/fixtures.js";

const INPUT = join(REPO_ROOT, "fixtures", "flat", "letta-run", "input.json");
/** The folder Node's compile cache takes in the OS temp folder when no directory is given. */
const DEFAULT_CACHE = "node-compile-cache";

const scratch = mkdtempSync(join(tmpdir(), "structgen-compile-cache-"));
let folders = 0;

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function freshFolder(): string {
  const dir = join(scratch, String(folders++));
  mkdirSync(dir);
  return dir;
}

interface Run {
  readonly code: number | null;
  readonly stderr: string;
  /** The generated files, by path. */
  readonly outputs: Record<string, string>;
}

/**
 * `node bin/structgen.js generate <letta-run> --out <fresh>` under `node`, with TMPDIR (and so Node's default
 * cache folder) at `tmp`, and no compile-cache variable but those in `env`.
 */
function generate(node: string, tmp: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const out = freshFolder();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, NO_COLOR: "1", ...env };
  for (const name of ["NODE_OPTIONS", "NODE_COMPILE_CACHE", "NODE_DISABLE_COMPILE_CACHE"]) {
    if (!(name in env)) {
      delete childEnv[name];
    }
  }
  return new Promise((resolve) => {
    execFile(
      node,
      [BIN, "generate", INPUT, "--out", out],
      { cwd: REPO_ROOT, env: childEnv, encoding: "utf8", timeout: SPAWN_TIMEOUT_MS },
      (error, _stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
        const outputs = Object.fromEntries(
          listFiles(out).map((file) => [file, readFileSync(join(out, file), "utf8")]),
        );
        resolve({ code, stderr, outputs });
      },
    );
  });
}

/**
 * The cache entries under `dir` (in Node's subfolder per Node version and user), each with its inode and
 * modification time: Node rewrites an entry (a new file renamed over it) only when it could not use it.
 */
function cacheEntries(dir: string): Record<string, string> {
  return Object.fromEntries(
    listFiles(dir).map((entry) => {
      const stat = statSync(join(dir, entry));
      return [entry, `${stat.ino}@${stat.mtimeMs}`];
    }),
  );
}

/** Whether `node` has module.enableCompileCache (asked of the binary itself, not read from its version). */
function hasCompileCache(node: string): boolean {
  try {
    const answer = execFileSync(node, ["-p", 'typeof require("node:module").enableCompileCache'], {
      encoding: "utf8",
      env: { ...process.env, NODE_OPTIONS: "" },
    });
    return answer.trim() === "function";
  } catch {
    return false;
  }
}

/** A Node with the compile cache: STRUCTGEN_TEST_NODE, or the first such `node` on PATH; or why there is none. */
function findNodeWithCache(): { node: string } | { reason: string } {
  const given = process.env["STRUCTGEN_TEST_NODE"];
  if (given !== undefined && given !== "") {
    return hasCompileCache(given)
      ? { node: given }
      : { reason: `STRUCTGEN_TEST_NODE=${given} has no module.enableCompileCache` };
  }
  for (const dir of (process.env["PATH"] ?? "").split(delimiter)) {
    const node = join(dir, process.platform === "win32" ? "node.exe" : "node");
    try {
      accessSync(node, constants.X_OK);
    } catch {
      continue;
    }
    if (hasCompileCache(node)) {
      return { node };
    }
  }
  return {
    reason:
      "no Node with module.enableCompileCache (22.1+) on PATH; set STRUCTGEN_TEST_NODE to one to run these",
  };
}

describe("the bin under the Node running the tests", () => {
  it("generates, and makes a compile cache only if this Node has one", async () => {
    ensureBuilt();
    const tmp = freshFolder();
    const run = await generate(process.execPath, tmp);
    expect(run.code, run.stderr).toBe(0);
    expect(Object.keys(run.outputs)).toContain("letta-run.types.ts");
    // Node 20 has no enableCompileCache: the bin skips the call, and nothing is cached.
    if (typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === "function") {
      expect(Object.keys(cacheEntries(join(tmp, DEFAULT_CACHE))).length).toBeGreaterThan(0);
    } else {
      expect(existsSync(join(tmp, DEFAULT_CACHE))).toBe(false);
    }
  });
});

describe("the bin under a Node with the compile cache", () => {
  const found = findNodeWithCache();
  if ("reason" in found) {
    console.info(`compile-cache tests skipped: ${found.reason}`);
  }
  /** The Node to run, or the test is skipped with the reason. */
  function nodeOrSkip(ctx: TestContext): string {
    return "node" in found ? found.node : ctx.skip(found.reason);
  }
  let reference: Record<string, string> | undefined;

  /** The outputs of a plain run under the current Node, which every run below must match. */
  async function expectedOutputs(): Promise<Record<string, string>> {
    reference ??= (await generate(process.execPath, freshFolder())).outputs;
    expect(Object.keys(reference).length).toBeGreaterThan(0);
    return reference;
  }

  it("fills Node's default cache folder, and a second run uses it", async (ctx) => {
    const node = nodeOrSkip(ctx);
    const tmp = freshFolder();
    const cold = await generate(node, tmp);
    expect(cold.code, cold.stderr).toBe(0);
    expect(cold.outputs).toEqual(await expectedOutputs());
    const entries = cacheEntries(join(tmp, DEFAULT_CACHE));
    expect(Object.keys(entries).length).toBeGreaterThan(0);
    const warm = await generate(node, tmp);
    expect(warm.code, warm.stderr).toBe(0);
    expect(warm.outputs).toEqual(cold.outputs);
    // Every entry used as it was: none missing, none rewritten.
    expect(cacheEntries(join(tmp, DEFAULT_CACHE))).toEqual(entries);
  }, 180_000);

  it("keeps a user's NODE_COMPILE_CACHE, and NODE_DISABLE_COMPILE_CACHE turns it off", async (ctx) => {
    const node = nodeOrSkip(ctx);
    const tmp = freshFolder();
    const chosen = join(tmp, "chosen");
    const run = await generate(node, tmp, { NODE_COMPILE_CACHE: chosen });
    expect(run.code, run.stderr).toBe(0);
    expect(Object.keys(cacheEntries(chosen)).length).toBeGreaterThan(0);
    expect(existsSync(join(tmp, DEFAULT_CACHE))).toBe(false);

    const off = freshFolder();
    const disabled = await generate(node, off, { NODE_DISABLE_COMPILE_CACHE: "1" });
    expect(disabled.code, disabled.stderr).toBe(0);
    expect(disabled.outputs).toEqual(await expectedOutputs());
    expect(readdirSync(off)).toEqual([]);
  }, 180_000);

  it("runs as well when the cache cannot be used: not a folder, or entries that are garbage", async (ctx) => {
    const node = nodeOrSkip(ctx);
    const tmp = freshFolder();
    const notAFolder = join(tmp, "cache-file");
    writeFileSync(notAFolder, "not a folder");
    const blocked = await generate(node, tmp, { NODE_COMPILE_CACHE: notAFolder });
    expect(blocked.code, blocked.stderr).toBe(0);
    expect(blocked.outputs).toEqual(await expectedOutputs());

    const cache = join(tmp, "damaged");
    expect((await generate(node, tmp, { NODE_COMPILE_CACHE: cache })).code).toBe(0);
    const entries = Object.keys(cacheEntries(cache));
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      writeFileSync(join(cache, entry), "garbage, not V8 code");
    }
    const damaged = await generate(node, tmp, { NODE_COMPILE_CACHE: cache });
    expect(damaged.code, damaged.stderr).toBe(0);
    expect(damaged.outputs).toEqual(await expectedOutputs());
  }, 180_000);
});
