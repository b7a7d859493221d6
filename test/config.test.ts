/**
 * The config file and the one table of settings: loadConfig (search, formats, checks), the CLI with a config
 * (flags override it), the help listing every flag with examples, and the README tables rendered from the tables.
 */
import { cpSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig, renderSettingsTable, RUN_SETTINGS } from "../src/cli/config.js";
import { EXAMPLES } from "../src/cli/main.js";
import { flagOptions } from "../src/cli/settings.js";
import { OPTION_TABLE } from "../src/model/options.js";
import { MANIFEST_FILE } from "../src/write/manifest.js";
import {
  listFiles,
  readText,
  removeTempDirs,
  runCli,
  SEED,
  SEED_OUTPUTS,
  tempCwd,
} from "./helpers/cli.js";
import { REPO_ROOT } from "./helpers/fixtures.js";
import { readmeExample } from "./helpers/package.js";

afterAll(removeTempDirs);

/** A temp project: a package.json (so the search stops here), the seed in schemas/, and the given files. */
function project(files: Record<string, string> = {}): string {
  const cwd = tempCwd("structgen-config-");
  writeFileSync(join(cwd, "package.json"), JSON.stringify({ name: "p", private: true }));
  mkdirSync(join(cwd, "schemas"));
  cpSync(SEED, join(cwd, "schemas", "run.json"));
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(join(cwd, path, ".."), { recursive: true });
    writeFileSync(join(cwd, path), contents);
  }
  return cwd;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

describe("loadConfig", () => {
  it("finds no config as an empty one, and stops at the folder with a package.json", async () => {
    const outer = tempCwd("structgen-config-outer-");
    writeFileSync(join(outer, "structgen.config.json"), json({ out: "not-this-one" }));
    mkdirSync(join(outer, "project", "src"), { recursive: true });
    writeFileSync(join(outer, "project", "package.json"), json({ name: "p" }));
    expect(await loadConfig({ cwd: join(outer, "project", "src") })).toEqual({ config: {} });
    expect(await loadConfig({ cwd: outer })).toMatchObject({
      config: { out: join(outer, "not-this-one") },
    });
  });

  it("reads structgen.config.json from a parent folder, with paths relative to it", async () => {
    const cwd = project({
      "structgen.config.json": json({
        inputs: ["schemas"],
        out: "gen",
        emit: ["types", "schema"],
        formats: "annotate",
      }),
    });
    mkdirSync(join(cwd, "sub", "deeper"), { recursive: true });
    const loaded = await loadConfig({ cwd: join(cwd, "sub", "deeper") });
    expect(loaded).toEqual({
      file: join(cwd, "structgen.config.json"),
      config: {
        inputs: [join(cwd, "schemas")],
        out: join(cwd, "gen"),
        emit: ["types", "schema"],
        formats: "annotate",
      },
    });
  });

  it("reads the structgen key of package.json, and structgen.config.mjs with emitters", async () => {
    const fromPackage = project();
    writeFileSync(
      join(fromPackage, "package.json"),
      json({ name: "p", structgen: { out: "types", additionalProperties: false } }),
    );
    expect(await loadConfig({ cwd: fromPackage })).toEqual({
      file: join(fromPackage, "package.json"),
      config: { out: join(fromPackage, "types"), additionalProperties: false },
    });

    const mjs = project({
      "structgen.config.mjs":
        'export default { out: "gen", emitters: [{ name: "e", emit: () => [] }] };\n',
    });
    const loaded = await loadConfig({ cwd: mjs });
    expect("config" in loaded && loaded.config.emitters?.map((e) => e.name)).toEqual(["e"]);
  });

  const problems: readonly [string, Record<string, string>, RegExp][] = [
    [
      "an unknown key, listing the known ones",
      { "structgen.config.json": json({ verbose: true }) },
      /"verbose": unknown setting; the settings are inputs, out, emitters, emit, /,
    ],
    [
      "an unknown key close to a known one, with a suggestion",
      { "structgen.config.json": json({ output: "gen" }) },
      /"output": unknown setting; did you mean "out"\? The settings are inputs, out, emitters, emit, /,
    ],
    [
      "a bad choice",
      { "structgen.config.json": json({ formats: "sometimes" }) },
      /"formats": must be one of validate, annotate; got "sometimes"/,
    ],
    [
      "a bad emit list",
      { "structgen.config.json": json({ emit: ["types", "docs"] }) },
      /"emit": takes a comma-separated list of types, guards, schema/,
    ],
    [
      "a string for a boolean",
      { "structgen.config.json": json({ additionalProperties: "false" }) },
      /"additionalProperties": must be true or false; got "false"/,
    ],
    [
      "inputs that are not paths",
      { "structgen.config.json": json({ inputs: [3] }) },
      /"inputs": must be a path or glob/,
    ],
    [
      "emitters in JSON",
      { "structgen.config.json": json({ emitters: [] }) },
      /"emitters": custom emitters are functions: declare them in structgen\.config\.mjs/,
    ],
    [
      "malformed JSON",
      { "structgen.config.json": "{ out: gen }" },
      /structgen\.config\.json: cannot be read: line 1, column 3: malformed JSON: /,
    ],
    [
      "an .mjs that throws",
      { "structgen.config.mjs": 'throw new Error("config exploded");\n' },
      /cannot be read: config exploded/,
    ],
    [
      "an .mjs without a default export",
      { "structgen.config.mjs": "export const out = 'gen';\n" },
      /has no default export/,
    ],
    [
      "two configs in one folder",
      { "structgen.config.json": "{}", "structgen.config.mjs": "export default {};\n" },
      /more than one structgen config in .+ \(structgen\.config\.json, structgen\.config\.mjs\); keep one/,
    ],
  ];

  it.each(problems)(
    "reports %s as an error naming the file, never a throw",
    async (_name, files, message) => {
      const loaded = await loadConfig({ cwd: project(files) });
      expect("error" in loaded && loaded.error).toMatch(message);
    },
  );
});

describe("the CLI with a config file", () => {
  it("needs no arguments when the config names inputs and out, for generate and --check alike", async () => {
    const cwd = project({
      "structgen.config.json": json({ inputs: ["schemas"], out: "src/generated" }),
    });
    const result = await runCli(["generate"], { cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^structgen: 1 document, 5 files written, 0 unchanged in src\/generated \(\d+ ms\)\n$/,
    );
    expect(listFiles(join(cwd, "src", "generated"))).toEqual([MANIFEST_FILE, ...SEED_OUTPUTS]);
    // The banner names the input from the output folder, as the config names it from its own folder.
    expect(readText(cwd, "src", "generated", "letta-run.types.ts")).toMatch(
      /^\/\/ Generated by structgen from \.\.\/\.\.\/schemas\/run\.json\./,
    );
    const check = await runCli(["generate", "--check"], { cwd });
    expect(check.code, check.stderr).toBe(0);
  });

  it("runs from a subfolder with the config's paths, and flags override the config", async () => {
    const cwd = project({
      "structgen.config.json": json({
        inputs: ["schemas"],
        out: "gen",
        emit: ["types", "schema"],
        additionalProperties: false,
      }),
    });
    mkdirSync(join(cwd, "tools"));
    const fromSub = await runCli(["generate"], { cwd: join(cwd, "tools") });
    expect(fromSub.code, fromSub.stderr).toBe(0);
    expect(fromSub.stdout).toMatch(/ in \.\.\/gen \(/);
    expect(listFiles(join(cwd, "gen"))).toEqual([
      MANIFEST_FILE,
      "index.ts",
      "letta-run.schema.json",
      "letta-run.types.ts",
    ]);
    expect(
      (JSON.parse(readText(cwd, "gen", "letta-run.schema.json")) as Record<string, unknown>)[
        "additionalProperties"
      ],
    ).toBe(false);

    const overridden = await runCli(
      [
        "generate",
        "schemas/run.json",
        "--out",
        "other",
        "--emit",
        "guards",
        "--additional-properties",
        "true",
      ],
      { cwd },
    );
    expect(overridden.code, overridden.stderr).toBe(0);
    expect(listFiles(join(cwd, "other"))).toEqual([
      MANIFEST_FILE,
      "index.ts",
      "letta-run.guards.ts",
      "runtime.ts",
    ]);
  });

  it("uses --config <file> when given, and a config's custom emitters (structgen.config.mjs)", async () => {
    const emitter =
      'export default { inputs: ["../schemas"], out: "../gen", emitters: [{ name: "names", emit: (docs) => [{ path: "names.md", contents: docs.map((d) => "*   " + d.root).join("\\n") + "\\n" }] }] };\n';
    const cwd = project({ "tools/structgen.config.mjs": emitter });
    const result = await runCli(["generate", "--config", "tools/structgen.config.mjs"], { cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(readText(cwd, "gen", "names.md")).toMatch(
      /^<!-- Generated by structgen from \.\.\/schemas\/run\.json\. .* -->\n\n- Run\n$/,
    );
    const check = await runCli(["generate", "--config", "tools/structgen.config.mjs", "--check"], {
      cwd,
    });
    expect(check.code, check.stderr).toBe(0);
    writeFileSync(join(cwd, "gen", "names.md"), "hand edit\n");
    const stale = await runCli(["generate", "--config", "tools/structgen.config.mjs", "--check"], {
      cwd,
    });
    expect(stale.code).toBe(1);
    expect(stale.stderr.split("\n")).toContain("stale: gen/names.md");
  });

  it("the README's structgen.config.mjs with a Markdown-docs emitter works as written", async () => {
    const cwd = project({ "structgen.config.mjs": readmeExample("emitter") });
    const result = await runCli(["generate"], { cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(listFiles(join(cwd, "src", "generated"))).toEqual([
      MANIFEST_FILE,
      "index.ts",
      "letta-run.guards.ts",
      "letta-run.md",
      "letta-run.schema.json",
      "letta-run.types.ts",
      "runtime.ts",
    ]);
    expect(readText(cwd, "src", "generated", "letta-run.md")).toMatch(
      /^<!-- Generated by structgen from \.\.\/\.\.\/schemas\/run\.json\. .* -->\n\n# Run\n\n- `Run`: object\n/,
    );
  });

  it("takes absolute inputs, out and sourceSpec as they are, not under the config's folder", async () => {
    const elsewhere = tempCwd("structgen-config-elsewhere-");
    const fixture = join(REPO_ROOT, "fixtures", "enrich", "nullable-scalars");
    mkdirSync(join(elsewhere, "docs"));
    mkdirSync(join(elsewhere, "spec"));
    cpSync(join(fixture, "input.json"), join(elsewhere, "docs", "scalars.json"));
    cpSync(join(fixture, "openapi.json"), join(elsewhere, "spec", "openapi.json"));
    const config = {
      inputs: [join(elsewhere, "docs", "*.json")],
      out: join(elsewhere, "gen"),
      sourceSpec: join(elsewhere, "spec", "openapi.json"),
    };
    const cwd = project({ "tools/structgen.config.json": json(config) });
    const args = ["generate", "--config", "tools/structgen.config.json"];
    const result = await runCli(args, { cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(listFiles(join(elsewhere, "gen"))).toEqual([
      MANIFEST_FILE,
      "index.ts",
      "nullable-scalars.guards.ts",
      "nullable-scalars.schema.json",
      "nullable-scalars.types.ts",
      "runtime.ts",
    ]);
    const sources = (
      JSON.parse(readText(elsewhere, "gen", MANIFEST_FILE)) as { sources: [string, string][] }
    ).sources.map(([path]) => path);
    expect(sources.sort()).toEqual(["../docs/scalars.json", "../spec/openapi.json"]);
    const check = await runCli([...args, "--check"], { cwd });
    expect(check.code, check.stderr).toBe(0);
  });

  it("an unknown key is a usage error that suggests the setting it most likely meant", async () => {
    const cwd = project({
      "structgen.config.json": json({ inputs: ["schemas"], out: "gen", "source-spec": "api.json" }),
    });
    const result = await runCli(["generate"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^structgen: .+structgen\.config\.json: "source-spec": unknown setting; did you mean "sourceSpec"\? The settings are inputs, out, emitters, emit, .*sourceSpec.*\n$/,
    );
    expect(listFiles(cwd)).toEqual(["package.json", "schemas/run.json", "structgen.config.json"]);
  });

  it("a bad config is a usage error (exit 2) naming the file and key, without a stack trace", async () => {
    const cwd = project({
      "structgen.config.json": json({ inputs: ["schemas"], out: "gen", objectFields: "maybe" }),
    });
    const result = await runCli(["generate"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `structgen: ${join(cwd, "structgen.config.json")}: "objectFields": must be one of unknown, record; got "maybe"\n`,
    );
    expect(listFiles(cwd)).toEqual(["package.json", "schemas/run.json", "structgen.config.json"]);
  });
});

describe("the CLI's working folder", () => {
  it("is the one main() is given, not the process's: the config search and --config start from it", async () => {
    const bad = json({ inputs: ["schemas"], out: "gen", formats: "sometimes" });
    const cwd = project({ "structgen.config.json": bad, "tools/other.json": bad });
    expect(process.cwd()).not.toBe(cwd);
    const found = await runCli(["generate"], { cwd, keepProcessCwd: true });
    expect([found.code, found.stderr]).toEqual([
      2,
      `structgen: ${join(cwd, "structgen.config.json")}: "formats": must be one of validate, annotate; got "sometimes"\n`,
    ]);
    const named = await runCli(["validate", "--config", "tools/other.json", "run.json", "data"], {
      cwd,
      keepProcessCwd: true,
    });
    expect([named.code, named.stderr]).toEqual([
      2,
      `structgen: ${join(cwd, "tools", "other.json")}: "formats": must be one of validate, annotate; got "sometimes"\n`,
    ]);
  });

  it("a structgen.config.mjs edited between two runs in one process is read as it is now", async () => {
    const config = (out: string) =>
      `export default { inputs: ["schemas"], out: ${JSON.stringify(out)}, emitters: [] };\n`;
    const cwd = project({ "structgen.config.mjs": config("first") });
    const mjs = join(cwd, "structgen.config.mjs");
    // Both versions with the same size and the same modification time (whole seconds, which every file system
    // keeps exactly): only the bytes differ.
    const saved = new Date("2024-01-02T03:04:05Z");
    utimesSync(mjs, saved, saved);
    expect((await runCli(["generate", "--no-format"], { cwd })).stdout).toMatch(/ in first \(/);
    writeFileSync(mjs, config("other"));
    utimesSync(mjs, saved, saved);
    expect((await runCli(["generate", "--no-format"], { cwd })).stdout).toMatch(/ in other \(/);
  });
});

describe("one table feeds the help, the config loader and the README", () => {
  const flagsOf = (command: "generate" | "validate") =>
    [
      ...RUN_SETTINGS.filter(
        (s) => s.commands.includes(command) && s.flag !== undefined && !s.flag.startsWith("["),
      ).map((s) => s.flag ?? ""),
      ...OPTION_TABLE.filter(
        (row) =>
          command === "generate" ||
          (row.key !== "emit" && row.key !== "prettier" && row.key !== "runtime"),
      ).map((row) => row.flag),
    ].map((flag) => /--[a-z-]+/.exec(flag)?.[0] ?? flag);

  it.each(["generate", "validate"] as const)(
    "%s --help lists each of its flags, and its examples use each one",
    async (command) => {
      const help = await runCli([command, "--help"]);
      expect(help.code).toBe(0);
      const examples = help.stdout.slice(help.stdout.indexOf("\nExamples:\n"));
      expect(examples.length).toBeGreaterThan(20);
      for (const flag of flagsOf(command)) {
        expect(help.stdout).toMatch(new RegExp(`(^|[\\s,])${flag}\\b`, "m"));
        expect(
          EXAMPLES[command].some((line) => line.includes(` ${flag}`)),
          `an example with ${flag}`,
        ).toBe(true);
        expect(examples).toContain(flag);
      }
    },
  );

  it("each command's --help describes its own --json report", async () => {
    /** The help text of one option, its wrapped lines joined. */
    const optionHelp = (help: string, flag: string): string =>
      (new RegExp(`^  ${flag} +(.*(?:\\n {10,}.*)*)`, "m").exec(help)?.[1] ?? "").replace(
        /\s+/g,
        " ",
      );
    const validate = optionHelp((await runCli(["validate", "--help"])).stdout, "--json");
    const generate = optionHelp((await runCli(["generate", "--help"])).stdout, "--json");
    expect(validate).toMatch(/each data file, valid or not, with its failures \(JSON pointer/);
    expect(validate).not.toMatch(/watch|written|stale|document with its files/);
    expect(generate).toMatch(/each document with its files, what was written, stale or missing/);
    expect(generate).toMatch(/with --watch, one line per run/);
    expect(generate).not.toMatch(/data file/);
  });

  it("structgen --help shows every command in full, with examples", async () => {
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: structgen generate \[options\] \[inputs\.\.\.\]$/m);
    expect(help.stdout).toMatch(/^Usage: structgen validate \[options\] <document> <data\.\.\.>$/m);
    for (const flag of [...flagsOf("generate"), ...flagsOf("validate")]) {
      expect(help.stdout).toContain(flag);
    }
  });

  it("every config key is a setting or an option, and the README's settings table is rendered from the table", () => {
    const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
    const section = /<!-- settings-table:start -->\n([\s\S]*?)\n<!-- settings-table:end -->/.exec(
      readme,
    )?.[1];
    expect(section).toBe(renderSettingsTable());
    expect(RUN_SETTINGS.flatMap((s) => (s.key === undefined ? [] : [s.key]))).toEqual([
      "inputs",
      "out",
      "emitters",
    ]);
  });
});

describe("negated flags", () => {
  it("a --no-x flag left out (commander's true) leaves the config file's value; given, it wins", () => {
    expect(flagOptions({ prettier: true, redosCheck: true })).toEqual({});
    expect(flagOptions({ prettier: false, redosCheck: false })).toEqual({
      prettier: false,
      redosCheck: false,
    });
  });
});
