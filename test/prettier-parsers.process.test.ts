/**
 * prettier's parsers stay unloaded in the default style: a CLI run with no prettier config prints every file with
 * the fast printers (src/format/fast/) and the runtime helpers as templates/library.json has them, and the load
 * trace shows no `prettier/plugins` module. Under a style the fast printers do not follow, or one they follow but
 * library.json was not made for, prettier loads and the outputs are still prettier's bytes, file by file.
 */
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as prettier from "prettier";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generate } from "../src/pipeline/generate.js";
import { listFiles, readText, removeTempDirs, tempCwd } from "./helpers/cli.js";
import { ensureBuilt, SPAWN_TIMEOUT_MS } from "./helpers/cli-process.js";
import { REPO_ROOT } from "./helpers/fixtures.js";
import { runTraced } from "./helpers/trace.js";

vi.setConfig({ testTimeout: 3 * SPAWN_TIMEOUT_MS });

beforeAll(ensureBuilt);
afterAll(removeTempDirs);

/** Golden inputs with most of what the emitters write: formats, choices, required key sets, closed objects. */
const INPUTS = [
  "flat/letta-run/input.json",
  "flat/formats/input.json",
  "flat/closed/input.json",
  "flat/enums/input.json",
  "core/choice-inline/input.struct.json",
  "core/choice-tagged/input.struct.json",
  "core/required-sets/input.struct.json",
  "core/binary-encodings/input.struct.json",
  "core/validation/input.struct.json",
];

/** A working folder with the inputs under schemas/ (one per case) and `config` as its .prettierrc.json. */
function project(config: Record<string, unknown> | undefined): string {
  const cwd = tempCwd("structgen-parsers-");
  mkdirSync(join(cwd, "schemas"));
  for (const input of INPUTS) {
    const name = `${input.split("/")[1]!}.json`;
    cpSync(join(REPO_ROOT, "fixtures", input), join(cwd, "schemas", name));
  }
  if (config !== undefined) {
    writeFileSync(join(cwd, ".prettierrc.json"), JSON.stringify(config));
  }
  return cwd;
}

/** Every output the CLI wrote equals prettier's formatting, with `config`, of the unformatted outputs. */
async function expectPrettierOutputs(
  cwd: string,
  config: Record<string, unknown> | undefined,
): Promise<void> {
  const out = join(cwd, "gen");
  const inputs = INPUTS.map((input) => join(cwd, "schemas", `${input.split("/")[1]!}.json`));
  const unformatted = await generate({ inputs, outDir: out }, { prettier: false });
  expect(unformatted.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const written = listFiles(out).filter((file) => !file.startsWith("."));
  expect(written.sort()).toEqual(unformatted.files.map((f) => f.path).sort());
  for (const file of unformatted.files) {
    const parser = file.path.endsWith(".json") ? "json" : "typescript";
    const reference = await prettier.format(file.contents, { ...config, parser });
    expect(readText(out, file.path), file.path).toBe(reference);
  }
}

describe("prettier's parsers", () => {
  it("are not loaded by a run in the default style, which still writes prettier's bytes", async () => {
    const cwd = project(undefined);
    const run = await runTraced(["generate", "schemas", "--out", "gen"], cwd);
    expect(run.code).toBe(0);
    expect(run.loaded).toContain("ts-morph");
    expect(run.loaded).toContain("prettier");
    expect(run.loaded).not.toContain("prettier/plugins");
    await expectPrettierOutputs(cwd, undefined);
  });

  it.each([
    ["a style only prettier follows", { singleQuote: true }],
    [
      "a style the fast printers follow but templates/library.json has no helpers for",
      { printWidth: 90 },
    ],
  ])("are loaded under %s, and the outputs are prettier's", async (_, config) => {
    const cwd = project(config);
    const run = await runTraced(["generate", "schemas", "--out", "gen"], cwd);
    expect(run.code).toBe(0);
    expect(run.loaded).toContain("prettier/plugins");
    await expectPrettierOutputs(cwd, config);
  });
});
