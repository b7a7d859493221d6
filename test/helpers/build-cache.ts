/**
 * The README's build-cache recipes under the real tools: a temp npm-workspaces monorepo whose package `api`
 * generates with structgen (the packed tarball) under Turborepo or Nx, installed from the npm registry into the
 * workspace as a root dev dependency, as a user would (npm's cache answers after the first time). The same suite
 * runs for each tool: a second run is a cache hit; outputs deleted are restored from the cache and `structgen
 * generate --check` passes; each declared input misses when it changes; and a second copy of the workspace at
 * another path, sharing only a remote cache (test/helpers/cache-server.ts), gets the outputs from it. Skipped with
 * a notice when the registry cannot be reached and npm's cache cannot install the tool.
 */
import { createHash } from "node:crypto";
import {
  appendFileSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { MANIFEST_FILE } from "../../src/write/manifest.js";
import { SEED, SEED_OUTPUTS, listFiles } from "./cli.js";
import { startCacheServer, type CacheServer } from "./cache-server.js";
import { git } from "./git.js";
import {
  installFromRegistry,
  packTarball,
  removeProjects,
  run,
  type RunResult,
  tempFolder,
  userEnv,
} from "./package.js";

export interface BuildEngine {
  /** The npm package and its bin. */
  readonly name: string;
  /** The exact version installed, so that a run is repeatable. */
  readonly version: string;
  /** Root files of the recipe (turbo.json, nx.json), as the README shows them. */
  readonly files: Readonly<Record<string, string>>;
  /** Fields the root package.json needs besides its workspaces (Turborepo wants packageManager). */
  readonly rootPackage: Readonly<Record<string, unknown>>;
  /** Arguments that run the `generate` task of every package. */
  readonly args: readonly string[];
  /** The environment that points the tool at the remote cache, with a local cache of this workspace's own. */
  env(workspace: string, server: CacheServer): NodeJS.ProcessEnv;
  /** Whether the run's summary says the one task was answered from a cache. */
  cached(output: string): boolean;
}

const PACKAGE = join("packages", "api");
const OUT = join(PACKAGE, "src", "generated");

/** A monorepo in the OS temp folder, its dependencies installed; or why the registry could not provide them. */
async function makeWorkspace(engine: BuildEngine): Promise<string | { skip: string }> {
  const dir = tempFolder(`structgen-${engine.name}-`);
  const { tarball } = await packTarball();
  mkdirSync(join(dir, "vendor"));
  copyFileSync(tarball, join(dir, "vendor", "structgen.tgz"));
  const json = (path: string, value: unknown) =>
    writeFileSync(join(dir, path), `${JSON.stringify(value, null, 2)}\n`);
  json("package.json", {
    name: "monorepo",
    private: true,
    workspaces: ["packages/*"],
    devDependencies: { [engine.name]: engine.version },
    ...engine.rootPackage,
  });
  mkdirSync(join(dir, PACKAGE, "schemas"), { recursive: true });
  json(join(PACKAGE, "package.json"), {
    name: "api",
    version: "1.0.0",
    private: true,
    scripts: { generate: "structgen generate" },
    devDependencies: { structgen: "file:../../vendor/structgen.tgz" },
  });
  json(join(PACKAGE, "structgen.config.json"), { inputs: ["schemas"], out: "src/generated" });
  copyFileSync(SEED, join(dir, PACKAGE, "schemas", "run.json"));
  for (const [name, text] of Object.entries(engine.files)) {
    writeFileSync(join(dir, name), text);
  }
  writeFileSync(
    join(dir, ".gitignore"),
    "node_modules/\n.turbo/\n.nx/\npackages/*/src/generated/\n",
  );

  const skipped = await installFromRegistry(dir, [], engine.name);
  if (skipped !== undefined) {
    return skipped;
  }
  expect((await git(dir, ["init", "-q"])).code).toBe(0);
  expect((await git(dir, ["add", "-A"])).code).toBe(0);
  expect((await git(dir, ["commit", "-q", "-m", "monorepo"])).code).toBe(0);
  return dir;
}

/** The output folder's files and their text. */
function outputs(workspace: string): Record<string, string> {
  const out = join(workspace, OUT);
  return Object.fromEntries(
    listFiles(out).map((file) => [file, readFileSync(join(out, file), "utf8")]),
  );
}

/** Makes the lock file record another build of structgen, as an upgrade would: a new version and integrity. */
function upgradeStructgenInLockfile(workspace: string): () => void {
  const path = join(workspace, "package-lock.json");
  const original = readFileSync(path, "utf8");
  const lock = JSON.parse(original) as {
    packages: Record<string, { version?: string; integrity?: string }>;
  };
  const entry = Object.entries(lock.packages).find(([key]) =>
    key.endsWith("node_modules/structgen"),
  )?.[1];
  expect(entry?.version).toBeDefined();
  if (entry !== undefined) {
    entry.version = `${entry.version ?? ""}-next`;
    entry.integrity = `sha512-${createHash("sha512").update("another build").digest("base64")}`;
  }
  writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
  return () => writeFileSync(path, original);
}

/** The suite, for one tool. */
export function describeBuildCache(engine: BuildEngine): void {
  let workspace: string | { skip: string };
  let server: CacheServer;

  const ready = (ctx: TestContext): string => {
    if (typeof workspace !== "string") {
      return ctx.skip(workspace.skip);
    }
    return workspace;
  };
  const runTask = (dir: string): Promise<RunResult> =>
    run(join(dir, "node_modules", ".bin", engine.name), engine.args, {
      cwd: dir,
      env: { ...userEnv(), ...engine.env(dir, server) },
      timeout: 180_000,
    });
  /** Runs the task and expects it answered from a cache or not; `after` says what changed, for the failure. */
  const expectRun = async (dir: string, cached: boolean, after = ""): Promise<void> => {
    const result = await runTask(dir);
    const output = `${after}\n${result.stdout}${result.stderr}`;
    expect(result.code, output).toBe(0);
    expect(engine.cached(output), output).toBe(cached);
  };
  const check = (dir: string): Promise<RunResult> =>
    run(join(dir, "node_modules", ".bin", "structgen"), ["generate", "--check"], {
      cwd: join(dir, PACKAGE),
    });

  beforeAll(async () => {
    server = await startCacheServer();
    workspace = await makeWorkspace(engine);
    if (typeof workspace !== "string") {
      console.info(`${engine.name} build-cache tests skipped: ${workspace.skip}`);
    }
  }, 400_000);
  afterAll(async () => {
    await server.close();
    removeProjects();
  });

  describe(`structgen under ${engine.name} ${engine.version}, with the README's recipe`, () => {
    it("runs structgen, then answers the second run from the cache", async (ctx) => {
      const dir = ready(ctx);
      await expectRun(dir, false);
      expect(listFiles(join(dir, OUT))).toEqual([MANIFEST_FILE, ...SEED_OUTPUTS]);
      await expectRun(dir, true);
    }, 300_000);

    it("restores deleted outputs from the cache, the manifest with them, and --check passes", async (ctx) => {
      const dir = ready(ctx);
      const before = outputs(dir);
      rmSync(join(dir, OUT), { recursive: true });
      await expectRun(dir, true);
      expect(outputs(dir)).toEqual(before);
      const checked = await check(dir);
      expect(checked.code, checked.stderr).toBe(0);
      expect(checked.stdout).toBe(
        `structgen: ${SEED_OUTPUTS.length} files up to date in src/generated\n`,
      );
    }, 300_000);

    it("misses when a document, the config, the source spec or structgen's version changes", async (ctx) => {
      const dir = ready(ctx);
      for (const file of ["schemas/run.json", "structgen.config.json"]) {
        const path = join(dir, PACKAGE, file);
        const original = readFileSync(path, "utf8");
        appendFileSync(path, "\n");
        await expectRun(dir, false, `after a change to ${file}`);
        writeFileSync(path, original);
      }
      writeFileSync(join(dir, PACKAGE, "openapi.json"), "{}\n");
      await expectRun(dir, false, "after adding openapi.json");
      rmSync(join(dir, PACKAGE, "openapi.json"));
      const restore = upgradeStructgenInLockfile(dir);
      await expectRun(dir, false, "after another structgen in the lock file");
      restore();
      await expectRun(dir, true, "with every input as it was");
    }, 600_000);

    it("gives a copy at another path, sharing only the remote cache, the outputs; --check passes", async (ctx) => {
      const dir = ready(ctx);
      const copy = join(tempFolder(`structgen-${engine.name}-elsewhere-`), "monorepo");
      // Neither the local caches nor the outputs: only the remote cache is shared.
      const left = new Set([join(dir, ".turbo"), join(dir, ".nx"), join(dir, OUT)]);
      cpSync(dir, copy, {
        recursive: true,
        verbatimSymlinks: true,
        filter: (source) => !left.has(source),
      });
      const before = server.requests.length;
      await expectRun(copy, true);
      const downloads = server.requests
        .slice(before)
        .filter((request) => request.method === "GET" && request.status === 200);
      expect(downloads.length, JSON.stringify(server.requests.slice(before))).toBeGreaterThan(0);
      expect(listFiles(join(copy, OUT))).toEqual([MANIFEST_FILE, ...SEED_OUTPUTS]);
      const checked = await check(copy);
      expect(checked.code, checked.stderr).toBe(0);
    }, 300_000);
  });
}
