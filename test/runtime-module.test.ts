/**
 * The shared runtime module (runtime.ts, one per output folder; `--runtime shared`, the default) and
 * `--runtime inline`: the module holds only what the folder's guards import and imports nothing; the result types
 * can be named by callers; several runs into one folder leave a module that serves every guards file there; the
 * manifest, `--check` and the removal of stale files see the module like any other output.
 */
import { copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../src/pipeline/generate.js";
import { MANIFEST_FILE } from "../src/write/manifest.js";
import {
  cliFixture,
  listFiles,
  readText,
  removeTempDirs,
  runCli,
  SEED,
  tempCwd,
} from "./helpers/cli.js";
import { REPO_ROOT } from "./helpers/fixtures.js";
import {
  exportedByRuntime,
  type GeneratedFile,
  importedFromRuntime,
  typecheck,
} from "./helpers/outputs.js";

afterAll(removeTempDirs);

const COLLECTIONS = join(REPO_ROOT, "fixtures", "core", "collections", "input.struct.json");

/** Every TypeScript file of an output folder, as the typecheck helper takes them. */
function folderFiles(dir: string): GeneratedFile[] {
  return listFiles(dir)
    .filter((path) => path.endsWith(".ts"))
    .map((path) => ({ path, contents: readText(dir, path) }));
}

describe("the runtime module of one run", () => {
  it("exports exactly what the guards import, imports nothing, and index.ts does not re-export it", async () => {
    const result = await generate([SEED, COLLECTIONS], { prettier: false });
    const file = (path: string) => result.files.find((f) => f.path === path)?.contents ?? "";
    const runtime = file("runtime.ts");
    const imported = result.files
      .filter((f) => f.path.endsWith(".guards.ts"))
      .flatMap((f) => importedFromRuntime(f.contents));
    expect(exportedByRuntime(runtime)).toEqual([...new Set(imported)].sort());
    // The two documents use different helpers: the module holds both sets, and no helper neither uses.
    expect(importedFromRuntime(file("letta-run.guards.ts"))).toContain("formatDateTime");
    expect(importedFromRuntime(file("input.guards.ts"))).toContain("_hasDuplicates");
    expect(runtime).not.toContain("formatEmail");
    expect(runtime).not.toMatch(/^import /m);
    expect(file("index.ts")).not.toContain("runtime");
    // The guards files copy no helper of their own.
    expect(file("letta-run.guards.ts")).not.toMatch(/^function _isObject/m);
  });

  it("with --runtime inline, there is none: each guards file holds its helpers and imports only its types", async () => {
    const result = await generate([SEED, COLLECTIONS], { prettier: false, runtime: "inline" });
    expect(result.files.map((f) => f.path)).not.toContain("runtime.ts");
    const guards = result.files.find((f) => f.path === "letta-run.guards.ts")?.contents ?? "";
    expect(guards.split("\n").filter((line) => line.startsWith("import "))).toEqual([
      'import type * as types from "./letta-run.types.js";',
    ]);
    expect(guards).toMatch(/^function _isObject/m);
    expect(guards).toMatch(/^export type Validation<T> =/m);
  });
});

describe("the result types, for callers to name a result", () => {
  /** A document whose own root type is called `name`. */
  const named = (name: string) => ({
    path: `${name.toLowerCase()}.json`,
    contents: JSON.stringify({
      jsonStructure: "0.1",
      name: name.toLowerCase(),
      entity: name,
      fields: [{ name: "reason", type: "string", required: true }],
    }),
  });
  const caller = {
    path: "caller.ts",
    contents: [
      'import { validateRun, type Run, type Failure, type Validation } from "./index.js";',
      'import type { Failure as Reported } from "./letta-run.guards.js";',
      "// Through index.ts, the documents' own types keep their names.",
      'export const failure: Failure = { reason: "r" };',
      "export const validation: Validation = { reason: 'r' };",
      "export const result = validateRun(null);",
      "export const reported: readonly Reported[] = result.ok ? [] : result.errors;",
      "export const run: Run | undefined = result.ok ? result.value : undefined;",
      "",
    ].join("\n"),
  };

  it.each(["shared", "inline"] as const)(
    "a document's own Failure and Validation keep their names in index.ts (--runtime %s)",
    async (runtime) => {
      const inputs = [{ path: SEED }, named("Failure"), named("Validation")];
      const result = await generate({ inputs, outDir: tempCwd() }, { prettier: false, runtime });
      expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const index = result.files.find((f) => f.path === "index.ts")?.contents ?? "";
      expect(index.split("\n").filter((line) => line.startsWith("export type"))).toEqual([
        'export type { Failure } from "./failure.types.js";',
        'export type { Validation } from "./validation.types.js";',
      ]);
      for (const mode of ["nodenext", "bundler"] as const) {
        expect(typecheck([...result.files, caller], mode)).toEqual([]);
      }
    },
  );

  it("with --runtime inline and several guards files, index.ts exports the first one's", async () => {
    const inputs = [SEED, cliFixture("folder", "alpha.json")];
    const result = await generate(inputs, { prettier: false, runtime: "inline" });
    const index = result.files.find((f) => f.path === "index.ts")?.contents ?? "";
    expect(index.split("\n").filter((line) => line.startsWith("export type"))).toEqual([
      'export type { Failure } from "./alpha.guards.js";',
      'export type { Validation } from "./alpha.guards.js";',
    ]);
    const use = {
      path: "use.ts",
      contents:
        'import { validateRun, validateAlpha, type Run, type Alpha, type Validation } from "./index.js";\nexport const r: Validation<Run> = validateRun(null);\nexport const a: Validation<Alpha> = validateAlpha(null);\n',
    };
    expect(typecheck([...result.files, use], "nodenext")).toEqual([]);
  });
});

describe("runs into one output folder, through the CLI", () => {
  function project(): string {
    const cwd = tempCwd("structgen-runtime-");
    copyFileSync(SEED, join(cwd, "run.json"));
    copyFileSync(COLLECTIONS, join(cwd, "collections.struct.json"));
    return cwd;
  }
  const generateInto = async (cwd: string, ...args: string[]) => {
    const result = await runCli(["generate", ...args, "--out", "gen"], { cwd });
    expect(result.code, result.stderr).toBe(0);
    return result;
  };

  it("two runs with different inputs leave a module that serves every guards file, and --check agrees", async () => {
    const cwd = project();
    const gen = join(cwd, "gen");
    await generateInto(cwd, "run.json");
    await generateInto(cwd, "collections.struct.json");
    const runtime = readText(gen, "runtime.ts");
    for (const guards of ["letta-run.guards.ts", "collections.guards.ts"]) {
      for (const name of importedFromRuntime(readText(gen, guards))) {
        expect(exportedByRuntime(runtime), `${guards} imports ${name}`).toContain(name);
      }
    }
    for (const mode of ["nodenext", "bundler"] as const) {
      expect(typecheck(folderFiles(gen), mode)).toEqual([]);
    }
    const check = await runCli(["generate", "collections.struct.json", "--out", "gen", "--check"], {
      cwd,
    });
    expect(check.code, check.stderr).toBe(0);

    // The first run's input goes: its files go at the next run, and so do the helpers only it used.
    rmSync(join(cwd, "run.json"));
    await generateInto(cwd, "collections.struct.json");
    expect(listFiles(gen)).not.toContain("letta-run.guards.ts");
    expect(exportedByRuntime(readText(gen, "runtime.ts"))).not.toContain("formatDateTime");
    expect(typecheck(folderFiles(gen), "nodenext")).toEqual([]);
  });

  it("a guards file the manifest does not list (a run side by side committed first) still gets its helpers", async () => {
    const cwd = project();
    const gen = join(cwd, "gen");
    await generateInto(cwd, "run.json");
    // What a run that read the folder before the other committed knows of it: nothing.
    rmSync(join(gen, MANIFEST_FILE));
    await generateInto(cwd, "collections.struct.json");
    expect(exportedByRuntime(readText(gen, "runtime.ts"))).toContain("formatDateTime");
    expect(typecheck(folderFiles(gen), "nodenext")).toEqual([]);
  });

  it("guards files of another output folder inside this one import their own runtime module, not this one's", async () => {
    const cwd = project();
    const gen = join(cwd, "gen");
    const inner = await runCli(["generate", "run.json", "--out", "gen/inner"], { cwd });
    expect(inner.code, inner.stderr).toBe(0);
    await generateInto(cwd, "collections.struct.json");
    expect(exportedByRuntime(readText(gen, "inner", "runtime.ts"))).toContain("formatDateTime");
    expect(exportedByRuntime(readText(gen, "runtime.ts"))).not.toContain("formatDateTime");
  });

  it("--check finds an edited runtime.ts stale, and a run restores it", async () => {
    const cwd = project();
    const gen = join(cwd, "gen");
    await generateInto(cwd, "run.json");
    const original = readText(gen, "runtime.ts");
    writeFileSync(
      join(gen, "runtime.ts"),
      original.replace("return typeof value", "return typeof (value)"),
    );
    const check = await runCli(["generate", "run.json", "--out", "gen", "--check"], { cwd });
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/stale: gen\/runtime\.ts/);
    await generateInto(cwd, "run.json");
    expect(readText(gen, "runtime.ts")).toBe(original);
  });

  it("switching to --runtime inline removes the module no guards file imports any more", async () => {
    const cwd = project();
    const gen = join(cwd, "gen");
    await generateInto(cwd, "run.json");
    expect(listFiles(gen)).toContain("runtime.ts");
    const inline = await generateInto(cwd, "run.json", "--runtime", "inline");
    expect(inline.stdout).toMatch(/1 removed/);
    expect(listFiles(gen)).toEqual([
      MANIFEST_FILE,
      "index.ts",
      "letta-run.guards.ts",
      "letta-run.schema.json",
      "letta-run.types.ts",
    ]);
    const check = await runCli(
      ["generate", "run.json", "--out", "gen", "--check", "--runtime", "inline"],
      {
        cwd,
      },
    );
    expect(check.code, check.stderr).toBe(0);
    expect(readFileSync(join(gen, "letta-run.guards.ts"), "utf8")).not.toContain("runtime.js");
  });
});
