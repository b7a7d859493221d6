/**
 * The manifest (`<out>/.structgen-manifest.json`) lets `--check` and an unchanged regenerate answer without loading
 * the compiler or prettier's parsers. These tests hold it to its promise: it never makes `--check` lie (a hand-edited,
 * deleted or linked output, a changed input, import, option or prettier config, a tampered manifest: each is still
 * reported), its bytes do not depend on input order or location, it is written in the same transaction as the
 * outputs, and it is guarded by the banner like any output.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MANIFEST_FILE } from "../src/write/manifest.js";
import {
  ensureBuilt,
  listFiles,
  readText,
  removeTempDirs,
  runCli,
  SEED,
  SPAWN_TIMEOUT_MS,
  tempCwd,
} from "./helpers/cli.js";
import { REPO_ROOT } from "./helpers/fixtures.js";
import { runTraced } from "./helpers/trace.js";

// Several CLI runs per test, run concurrently: the same room as the other CLI test files give one run.
vi.setConfig({ testTimeout: 2 * SPAWN_TIMEOUT_MS });

beforeAll(ensureBuilt);
afterAll(removeTempDirs);

const GENERATE = ["generate", "letta-run-structure.json", "--out", "gen"];
const CHECK = [...GENERATE, "--check"];

/** A working folder with the seed and its outputs (and manifest) written by the CLI. */
async function generated(): Promise<string> {
  const cwd = tempCwd("structgen-manifest-");
  cpSync(SEED, join(cwd, "letta-run-structure.json"));
  const result = await runCli(GENERATE, { cwd });
  expect(result.code, result.stderr).toBe(0);
  return cwd;
}

describe("the fast path", () => {
  it("--check and a regenerate with nothing changed answer from the manifest, without ts-morph or prettier's parsers", async () => {
    const cwd = await generated();
    const check = await runTraced(CHECK, cwd);
    expect(check.code).toBe(0);
    expect(check.loaded).not.toContain("ts-morph");
    expect(check.loaded).not.toContain("prettier/plugins");
    const again = await runTraced(GENERATE, cwd);
    expect(again.code).toBe(0);
    expect(again.loaded).not.toContain("ts-morph");
    // Sanity: the tracer does see ts-morph on the full path (here: the manifest is gone). prettier's parsers
    // load only under a style the fast printers do not follow (test/prettier-parsers.test.ts).
    rmSync(join(cwd, "gen", MANIFEST_FILE));
    const full = await runTraced(CHECK, cwd);
    expect(full.code).toBe(0);
    expect(full.loaded).toContain("ts-morph");
  });

  it("reports exactly what the full path reports (summary and --json)", async () => {
    const cwd = await generated();
    const fast = await Promise.all([
      runCli([...CHECK, "--json"], { cwd }),
      runCli([...GENERATE, "--json"], { cwd }),
      runCli(CHECK, { cwd }),
    ]);
    rmSync(join(cwd, "gen", MANIFEST_FILE));
    const full = await Promise.all([
      runCli([...CHECK, "--json"], { cwd }),
      runCli([...GENERATE, "--json"], { cwd }),
      runCli(CHECK, { cwd }),
    ]);
    expect(fast.map((r) => [r.code, r.stdout, r.stderr])).toEqual(
      full.map((r) => [r.code, r.stdout, r.stderr]),
    );
  });
});

describe("never lies", () => {
  const stale = async (cwd: string, args: readonly string[] = CHECK): Promise<string> => {
    const result = await runCli(args, { cwd });
    expect(result.code, result.stdout).toBe(1);
    return result.stderr;
  };

  it.concurrent("an output edited by hand is stale", async () => {
    const cwd = await generated();
    writeFileSync(
      join(cwd, "gen", "letta-run.types.ts"),
      `${readText(cwd, "gen", "letta-run.types.ts")}// edited\n`,
    );
    expect(await stale(cwd)).toContain("stale: gen/letta-run.types.ts");
  });

  it.concurrent("a deleted output is missing", async () => {
    const cwd = await generated();
    rmSync(join(cwd, "gen", "letta-run.guards.ts"));
    expect(await stale(cwd)).toContain("missing: gen/letta-run.guards.ts");
  });

  it.concurrent(
    "an output replaced by a link to identical bytes is refused, as the writer refuses it",
    async () => {
      const cwd = await generated();
      cpSync(join(cwd, "gen", "index.ts"), join(cwd, "index-copy.ts"));
      rmSync(join(cwd, "gen", "index.ts"));
      symlinkSync(join(cwd, "index-copy.ts"), join(cwd, "gen", "index.ts"));
      const result = await runCli(CHECK, { cwd });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/symbolic link/);
    },
  );

  it.concurrent("a changed input makes its outputs stale", async () => {
    const cwd = await generated();
    const path = join(cwd, "letta-run-structure.json");
    writeFileSync(
      path,
      readFileSync(path, "utf8").replace("The human-friendly ID of the Run", "The ID of the Run"),
    );
    expect(await stale(cwd)).toMatch(/stale: gen\/letta-run\.(types|schema)/);
  });

  it.concurrent("a changed option makes outputs stale", async () => {
    const cwd = await generated();
    expect(await stale(cwd, [...CHECK, "--additional-properties", "false"])).toContain(
      "stale: gen/letta-run.schema.json",
    );
  });

  it.concurrent(
    "a prettier config added above the output folder makes formatted outputs stale",
    async () => {
      const cwd = await generated();
      writeFileSync(join(cwd, ".prettierrc.json"), `${JSON.stringify({ useTabs: true })}\n`);
      expect(await stale(cwd)).toContain("stale: gen/letta-run.guards.ts");
    },
  );

  it.concurrent(
    "a manifest edited by hand (its key, or a recorded hash) only sends the run down the full path",
    async () => {
      const cwd = await generated();
      const manifestPath = join(cwd, "gen", MANIFEST_FILE);
      const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
        key: string;
        outputs: [string, string][];
      };
      writeFileSync(
        join(cwd, "gen", "letta-run.types.ts"),
        "// Generated by structgen, but not really\n",
      );
      // Pretend the edited file is what the manifest recorded: the key no longer matches, so nothing is believed.
      writeFileSync(manifestPath, JSON.stringify({ ...manifest, key: "0".repeat(64) }));
      expect(await stale(cwd)).toContain("stale: gen/letta-run.types.ts");
      writeFileSync(manifestPath, "{ not json");
      expect(await stale(cwd)).toContain("stale: gen/letta-run.types.ts");
    },
  );

  it.concurrent(
    "a changed $import target (JSON Structure Core) makes the importer's outputs stale",
    async () => {
      const cwd = tempCwd("structgen-manifest-");
      cpSync(join(REPO_ROOT, "fixtures", "core", "imports"), join(cwd, "doc"), { recursive: true });
      const args = ["generate", "doc/input.struct.json", "--out", "gen"];
      const first = await runCli(args, { cwd });
      expect(first.code, first.stderr).toBe(0);
      const sources = (
        JSON.parse(readText(cwd, "gen", MANIFEST_FILE)) as { sources: [string, string][] }
      ).sources.map(([path]) => path);
      expect(sources).toEqual(
        expect.arrayContaining([
          "../doc/input.struct.json",
          expect.stringMatching(/^\.\.\/doc\/lib\//),
        ]),
      );
      // A currency more in the imported money type.
      const money = join(cwd, "doc", "lib", "money.struct.json");
      expect(sources).toContain("../doc/lib/money.struct.json");
      writeFileSync(money, readFileSync(money, "utf8").replace('"USD"', '"USD", "GBP"'));
      const result = await runCli([...args, "--check"], { cwd });
      expect(result.code, result.stdout).toBe(1);
    },
  );
  it.concurrent(
    "a changed source spec (--source-spec) makes the enriched outputs stale",
    async () => {
      const cwd = tempCwd("structgen-manifest-");
      cpSync(join(REPO_ROOT, "fixtures", "enrich", "nullable-scalars"), join(cwd, "doc"), {
        recursive: true,
      });
      const args = [
        "generate",
        "doc/input.json",
        "--out",
        "gen",
        "--source-spec",
        "doc/openapi.json",
      ];
      const first = await runCli(args, { cwd });
      expect(first.code, first.stderr).toBe(0);
      const sources = (
        JSON.parse(readText(cwd, "gen", MANIFEST_FILE)) as { sources: [string, string][] }
      ).sources.map(([path]) => path);
      expect(sources).toContain("../doc/openapi.json");
      expect((await runCli([...args, "--check"], { cwd })).code).toBe(0);
      // The spec's label no longer allows null: the enriched type changes although the summary did not.
      const spec = join(cwd, "doc", "openapi.json");
      writeFileSync(
        spec,
        readFileSync(spec, "utf8").replace(
          '"label": { "type": ["string", "null"]',
          '"label": { "type": "string"',
        ),
      );
      const result = await runCli([...args, "--check"], { cwd });
      expect(result.code, result.stdout).toBe(1);
      expect(result.stdout + result.stderr).toMatch(
        /stale: gen\/nullable-scalars\.(types|guards|schema)/,
      );
    },
  );
});

describe("runs that cannot be answered from a manifest", () => {
  it("a run with warnings records its outputs under a key no run has: never answered from, but the next run removes a deleted input's files", async () => {
    const cwd = tempCwd("structgen-manifest-");
    mkdirSync(join(cwd, "schemas"));
    cpSync(SEED, join(cwd, "schemas", "run.json"));
    // A Core document whose `default` warns (the validation extension is not enabled).
    const warns = {
      $schema: "https://json-structure.org/meta/core/v0/#",
      $id: "https://example.com/w",
      name: "Warned",
      type: "object",
      properties: { on: { type: "boolean", default: true } },
    };
    writeFileSync(join(cwd, "schemas", "warned.struct.json"), JSON.stringify(warns));
    const args = ["generate", "schemas", "--out", "gen"];
    const first = await runCli(args, { cwd });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/warning SG_EXTENSION_NOT_ENABLED/);
    const manifest = JSON.parse(readText(cwd, "gen", MANIFEST_FILE)) as {
      key: string;
      outputs: [string, string][];
    };
    expect(manifest.key).toBe("");
    expect(manifest.outputs.map(([path]) => path)).toContain("warned.types.ts");
    // Not answered from: the warning is printed again.
    const again = await runCli(args, { cwd });
    expect(again.stderr).toMatch(/warning SG_EXTENSION_NOT_ENABLED/);
    rmSync(join(cwd, "schemas", "warned.struct.json"));
    const after = await runCli(args, { cwd });
    expect(after.stdout).toMatch(/, 3 removed in gen/);
    expect(listFiles(join(cwd, "gen")).filter((file) => file.startsWith("warned."))).toEqual([]);
  });
});

describe("the manifest file", () => {
  it("has the same bytes for any input order and working folder, and names no absolute path", async () => {
    const cwd = tempCwd("structgen-manifest-");
    mkdirSync(join(cwd, "in"));
    const docs = ["primitives", "collections"].map((name) =>
      join(REPO_ROOT, "fixtures", "core", name, "input.struct.json"),
    );
    docs.forEach((doc, i) => cpSync(doc, join(cwd, "in", `doc${i}.struct.json`)));
    const forward = await runCli(
      ["generate", "in/doc0.struct.json", "in/doc1.struct.json", "--out", "a"],
      { cwd },
    );
    const backward = await runCli(
      ["generate", "in/doc1.struct.json", "in/doc0.struct.json", "--out", "b"],
      { cwd },
    );
    expect([forward.code, backward.code], forward.stderr + backward.stderr).toEqual([0, 0]);
    const text = readText(cwd, "a", MANIFEST_FILE);
    expect(readText(cwd, "b", MANIFEST_FILE)).toBe(text);
    expect(text).not.toContain(cwd);
    expect(text.startsWith('{\n  "$comment": "Generated by structgen from ')).toBe(true);
    // A copy of the whole tree elsewhere is up to date there too.
    const moved = tempCwd("structgen-manifest-");
    cpSync(cwd, moved, { recursive: true });
    const check = await runCli(
      ["generate", "in/doc0.struct.json", "in/doc1.struct.json", "--out", "a", "--check"],
      { cwd: moved },
    );
    expect(check.code, check.stderr).toBe(0);
  });

  it("is formatted as prettier formats it, like the outputs, so that prettier --check over a project passes", async () => {
    const cwd = await generated();
    const prettier = await import("prettier");
    const path = join(cwd, "gen", MANIFEST_FILE);
    const options = { ...(await prettier.resolveConfig(path)), filepath: path };
    expect(await prettier.check(readFileSync(path, "utf8"), options)).toBe(true);
    // And with a config of the project's own: the manifest follows it too.
    writeFileSync(join(cwd, ".prettierrc.json"), JSON.stringify({ printWidth: 40 }));
    const narrow = await runCli([...GENERATE, "--force"], { cwd });
    expect(narrow.code, narrow.stderr).toBe(0);
    await prettier.clearConfigCache();
    const narrowOptions = { ...(await prettier.resolveConfig(path)), filepath: path };
    expect(narrowOptions.printWidth).toBe(40);
    expect(await prettier.check(readFileSync(path, "utf8"), narrowOptions)).toBe(true);
  });

  it("is guarded by the banner: a file of that name that structgen did not write is not overwritten without --force", async () => {
    const cwd = tempCwd("structgen-manifest-");
    cpSync(SEED, join(cwd, "letta-run-structure.json"));
    mkdirSync(join(cwd, "gen"));
    writeFileSync(join(cwd, "gen", MANIFEST_FILE), "{}\n");
    const refused = await runCli(GENERATE, { cwd });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(MANIFEST_FILE);
    expect(readText(cwd, "gen", MANIFEST_FILE)).toBe("{}\n");
    const forced = await runCli([...GENERATE, "--force"], { cwd });
    expect(forced.code, forced.stderr).toBe(0);
  });

  it("is written with the outputs or not at all: a failed write leaves the old manifest, and --check still sees the change", async () => {
    const cwd = await generated();
    const before = readText(cwd, "gen", MANIFEST_FILE);
    const path = join(cwd, "letta-run-structure.json");
    writeFileSync(
      path,
      readFileSync(path, "utf8").replace("The human-friendly ID of the Run", "The ID of the Run"),
    );
    // A folder where an output must go: the write fails before any rename.
    rmSync(join(cwd, "gen", "letta-run.types.ts"));
    mkdirSync(join(cwd, "gen", "letta-run.types.ts"));
    const failed = await runCli(GENERATE, { cwd });
    expect(failed.code).toBe(1);
    expect(readText(cwd, "gen", MANIFEST_FILE)).toBe(before);
    rmSync(join(cwd, "gen", "letta-run.types.ts"), { recursive: true });
    const check = await runCli(CHECK, { cwd });
    expect(check.code).toBe(1);
  });
});
