/**
 * The package as users get it: `npm pack`, then a new project in the OS temp folder (no access to the source
 * tree) installs the tarball from the npm cache and uses it from the CLI (generate, --check, validate, --watch),
 * from CommonJS (`require`), from ESM (`import`), and from TypeScript in both module modes.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, posix } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MANIFEST_FILE } from "../src/write/manifest.js";
import { SEED, SEED_OUTPUTS, listFiles } from "./helpers/cli.js";
import { REPO_ROOT } from "./helpers/fixtures.js";
import {
  eventually,
  NPM,
  NPX,
  type Packed,
  packTarball,
  projectWith,
  readmeExample,
  removeProjects,
  run,
  start,
} from "./helpers/package.js";

let packed: Packed;
let project: string;

afterAll(removeProjects);

beforeAll(async () => {
  packed = await packTarball();
  project = await projectWith(packed.tarball, "structgen-consumer-");
  copyFileSync(SEED, join(project, "letta-run-structure.json"));
  mkdirSync(join(project, "schemas"));
  copyFileSync(SEED, join(project, "schemas", "run.json"));
}, 240_000);

/** The installed bin, as npm links it; `npx structgen` is used once below, since npx itself takes seconds to start. */
const structgen = (args: readonly string[]) =>
  run(join(project, "node_modules", ".bin", "structgen"), args, { cwd: project });
const node = (script: string) => run(process.execPath, [script], { cwd: project });

describe("the tarball", () => {
  it("holds only what users need: the bin, compiled JavaScript with its types, runtime templates, README", () => {
    const allowed =
      /^(package\.json|README\.md|bin\/structgen\.js|dist\/.+\.(js|d\.ts)|templates\/[^/]+\.(ts|json))$/;
    expect(packed.files.filter((file) => !allowed.test(file))).toEqual([]);
    for (const needed of [
      "bin/structgen.js",
      "dist/index.js",
      "dist/index.d.ts",
      "dist/cli/main.js",
      "templates/runtime.ts",
    ]) {
      expect(packed.files).toContain(needed);
    }
    expect(
      packed.files.filter((file) => /^(src|test|fixtures)\/|\.map$|tsconfig/.test(file)),
    ).toEqual([]);
  });

  it("points at no file it does not hold: every sourceMappingURL in `npm pack --dry-run`'s files is among them", async () => {
    const dryRun = await run(NPM, ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: REPO_ROOT,
    });
    expect(dryRun.code, dryRun.stderr).toBe(0);
    const [info] = JSON.parse(dryRun.stdout) as { files: { path: string }[] }[];
    const files = new Set((info?.files ?? []).map((file) => file.path));
    expect(files).toContain("dist/cli/main.js");
    const dangling = [...files]
      .filter((file) => /\.(js|d\.ts)$/.test(file))
      .flatMap((file) =>
        [
          ...readFileSync(join(REPO_ROOT, file), "utf8").matchAll(
            /^\/\/# sourceMappingURL=(\S+)$/gm,
          ),
        ]
          .map((match) => match[1] ?? "")
          .filter((url) => !url.startsWith("data:"))
          .map((url) => posix.join(posix.dirname(file), url))
          .filter((target) => !files.has(target))
          .map((target) => `${file} -> ${target}`),
      );
    expect(dangling).toEqual([]);
  });

  it("installs as a dependency whose package.json declares both module systems and the engines that support them", () => {
    const manifest = JSON.parse(
      readFileSync(join(project, "node_modules", "structgen", "package.json"), "utf8"),
    ) as {
      engines: { node: string };
      exports: Record<string, Record<string, string>>;
    };
    expect(manifest.engines.node).toBe(">=20.19");
    expect(manifest.exports["."]).toEqual({
      types: "./dist/index.d.ts",
      default: "./dist/index.js",
    });
  });
});

describe("npx structgen in the new project", () => {
  it("generates, then --check passes, and --version prints the package version", async () => {
    const generated = await run(
      NPX,
      ["--no-install", "structgen", "generate", "letta-run-structure.json", "--out", "gen"],
      { cwd: project },
    );
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stdout).toMatch(
      /^structgen: 1 document, 5 files written, 0 unchanged in gen \(\d+ ms\)\n$/,
    );
    expect(listFiles(join(project, "gen"))).toEqual([MANIFEST_FILE, ...SEED_OUTPUTS]);
    const checked = await structgen([
      "generate",
      "letta-run-structure.json",
      "--out",
      "gen",
      "--check",
    ]);
    expect(checked.code, checked.stderr).toBe(0);
    const version = await structgen(["--version"]);
    const { version: expected } = JSON.parse(
      readFileSync(join(REPO_ROOT, "package.json"), "utf8"),
    ) as { version: string };
    expect(version.stdout).toBe(`${expected}\n`);
  }, 120_000);

  it("validates data files, naming each failure's pointer", async () => {
    writeFileSync(join(project, "good.json"), JSON.stringify({ agent_id: "agent-1" }));
    writeFileSync(join(project, "bad.json"), JSON.stringify({ agent_id: 7, status: "done" }));
    const good = await structgen(["validate", "letta-run-structure.json", "good.json"]);
    expect(good.code, good.stderr).toBe(0);
    const bad = await structgen(["validate", "letta-run-structure.json", "good.json", "bad.json"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^bad\.json:1:\d+: error SG_INVALID_DATA: .+ \(at \/agent_id\)$/m);
    expect(bad.stderr).toMatch(/^bad\.json:1:\d+: error SG_INVALID_DATA: .+ \(at \/status\)$/m);
  }, 120_000);

  it("watches: regenerates on an edit, and stops with exit code 0 on SIGINT", async () => {
    const bin = join(project, "node_modules", ".bin", "structgen");
    const watcher = start(bin, ["generate", "schemas", "--out", "watched", "--watch"], {
      cwd: project,
    });
    try {
      const types = join(project, "watched", "letta-run.types.ts");
      await eventually(
        () => /watching/.test(watcher.stderr()) && existsSync(types),
        () => watcher.stderr(),
      );
      const document = JSON.parse(readFileSync(join(project, "schemas", "run.json"), "utf8")) as {
        fields: unknown[];
      };
      document.fields.push({ name: "added_by_watch_test", type: "string" });
      writeFileSync(join(project, "schemas", "run.json"), JSON.stringify(document, null, 2));
      await eventually(
        () => readFileSync(types, "utf8").includes("added_by_watch_test"),
        () => watcher.stderr(),
      );
    } finally {
      watcher.child.kill("SIGINT");
    }
    expect(await watcher.exited).toBe(0);
  }, 120_000);
});

describe("the API from both module systems", () => {
  it("require('structgen') from CommonJS: generate with a custom emitter, write and check", async () => {
    writeFileSync(
      join(project, "api.cjs"),
      [
        'const { generate, writeOutputs, checkOutputs } = require("structgen");',
        "const docs = {",
        '  name: "markdown-docs",',
        "  emit: (documents) => documents.map((d) => ({ path: `${d.baseName}.md`, contents: `# ${d.root}\\n\\n${d.declarations.map((x) => `*   ${x.name}`).join('\\n')}\\n` })),",
        "};",
        "(async () => {",
        '  const result = await generate({ inputs: ["letta-run-structure.json"], outDir: "api-out", emitters: [docs] });',
        '  const written = await writeOutputs("api-out", result.files);',
        '  const check = await checkOutputs("api-out", result.files);',
        "  console.log(JSON.stringify({ diagnostics: result.diagnostics, written: written.written, upToDate: check.upToDate }));",
        "})();",
      ].join("\n"),
    );
    const result = await node("api.cjs");
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as {
      diagnostics: unknown[];
      written: string[];
      upToDate: string[];
    };
    expect(report.diagnostics).toEqual([]);
    expect(report.written.sort()).toEqual(["letta-run.md", ...SEED_OUTPUTS].sort());
    expect(report.upToDate.sort()).toEqual(report.written);
    const markdown = readFileSync(join(project, "api-out", "letta-run.md"), "utf8");
    expect(markdown).toMatch(
      /^<!-- Generated by structgen from \.\.\/letta-run-structure\.json\. .* -->\n/,
    );
    // Formatted by prettier like the built-in outputs: "*   Run" became "- Run".
    expect(markdown).toMatch(/^- Run$/m);
    expect(markdown).not.toMatch(/^\*/m);
  }, 120_000);

  it("import('structgen') from ESM: the README's example, verbatim", async () => {
    writeFileSync(join(project, "readme-esm.mjs"), readmeExample("esm"));
    const result = await node("readme-esm.mjs");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${SEED_OUTPUTS.length} 0\n`);
    expect(listFiles(join(project, "src", "generated"))).toEqual([...SEED_OUTPUTS]);
    const schema = JSON.parse(
      readFileSync(join(project, "src", "generated", "letta-run.schema.json"), "utf8"),
    ) as Record<string, unknown>;
    expect(schema["additionalProperties"]).toBe(false);
  }, 120_000);

  it("the README's CommonJS example, verbatim", async () => {
    writeFileSync(join(project, "readme-cjs.cjs"), readmeExample("cjs"));
    const result = await node("readme-cjs.cjs");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe("");
    // What the API wrote is what the CLI writes: its --check finds every file up to date.
    const check = await structgen([
      "generate",
      "schemas/run.json",
      "--out",
      "src/generated",
      "--check",
    ]);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toBe(
      `structgen: ${SEED_OUTPUTS.length} files up to date in src/generated\n`,
    );
  }, 120_000);

  it("types resolve for TypeScript consumers in ESM (.mts) and CommonJS (.cts) alike", async () => {
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ["esm.mts", "cjs.cts"],
      }),
    );
    const body = (ns: string) =>
      [
        `const docs: ${ns}Emitter = { name: "docs", emit: (documents: readonly ${ns}ModelDocument[]) => documents.map((d) => ({ path: d.baseName + ".md", contents: d.root })) };`,
        `export const result: Promise<${ns}GenerateResult> = ${ns === "" ? "" : "structgen."}generate({ inputs: ["a.json"], emitters: [docs] }, { formats: "annotate" });`,
        "// @ts-expect-error: not a formats mode",
        `${ns === "" ? "" : "structgen."}generate(["a.json"], { formats: "sometimes" });`,
      ].join("\n");
    writeFileSync(
      join(project, "esm.mts"),
      `import { generate, type Emitter, type GenerateResult, type ModelDocument } from "structgen";\n${body("")}\n`,
    );
    writeFileSync(
      join(project, "cjs.cts"),
      `import structgen = require("structgen");\n${body("structgen.")}\n`,
    );
    const tsc = join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
    const result = await run(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: project });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  }, 120_000);
});
