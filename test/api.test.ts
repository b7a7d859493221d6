/**
 * The programmatic API: generate() in memory, writeOutputs/checkOutputs, the exported stages, custom emitters
 * (a Markdown-docs emitter and a TypeScript one, written here as another generator would), input expansion and
 * mirrored output trees.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  checkOutputs,
  type Emitter,
  emitGuards,
  emitJsonSchema,
  emitTypes,
  generate,
  type ModelDocument,
  normalize,
  parse,
  resolveInputs,
  type TypeNode,
  writeOutputs,
} from "../src/index.js";
import { globBase } from "../src/pipeline/inputs.js";
import { listFiles, mtimes, SEED, SEED_OUTPUTS, removeTempDirs, tempCwd } from "./helpers/cli.js";
import { REPO_ROOT } from "./helpers/fixtures.js";
import { loadGuards, typecheck } from "./helpers/outputs.js";

afterAll(removeTempDirs);

const PIPELINE = join(REPO_ROOT, "fixtures", "pipeline", "schemas");

function kindOf(type: TypeNode): string {
  return type.kind === "ref"
    ? type.target
    : type.kind === "array"
      ? `${kindOf(type.items)}[]`
      : type.kind;
}

/** A Markdown-docs emitter, as another generator would write one: one page per document, beside its types. */
const markdownDocs: Emitter = {
  name: "markdown-docs",
  emit: (documents, context) =>
    documents.map((doc) => {
      const root = doc.declarations.find((d) => d.name === doc.root);
      const fields = root?.type.kind === "object" ? root.type.properties : [];
      return {
        path: [context.outputSubfolder(doc), `${doc.baseName}.md`]
          .filter((part) => part !== "")
          .join("/"),
        // Deliberately unformatted: "*   " bullets, which prettier rewrites as "- ".
        contents: `# ${doc.root}\n\n${fields.map((p) => `*   \`${p.key}\`${p.required ? "" : "?"}: ${kindOf(p.type)}`).join("\n")}\n`,
      };
    }),
};

/** A run-wide TypeScript file listing every root type, unformatted on purpose. */
const catalog: Emitter = {
  name: "catalog",
  // Async, as an emitter may be: generate() awaits whatever an emitter returns.
  emit: (documents) =>
    Promise.resolve([
      {
        path: "catalog.ts",
        contents: `export const ROOTS={${documents.map((d) => `${JSON.stringify(d.baseName)}:${JSON.stringify(d.root)}`).join(",")}} as const`,
      },
    ]),
};

describe("generate()", () => {
  it("returns files, documents and diagnostics, and touches no file", async () => {
    const cwd = tempCwd();
    const before = listFiles(join(REPO_ROOT, "fixtures", "cli"));
    const seedTimes = mtimes(join(REPO_ROOT, "fixtures", "cli"), ["letta-run-structure.json"]);
    const result = await generate({ inputs: [SEED], outDir: join(cwd, "gen") });
    expect(result.diagnostics).toEqual([]);
    expect(result.files.map((f) => f.path).sort()).toEqual([...SEED_OUTPUTS]);
    expect(result.documents).toEqual([
      expect.objectContaining({
        input: SEED,
        files: ["letta-run.types.ts", "letta-run.guards.ts", "letta-run.schema.json"],
      }),
    ]);
    expect(listFiles(cwd)).toEqual([]);
    expect(listFiles(join(REPO_ROOT, "fixtures", "cli"))).toEqual(before);
    expect(mtimes(join(REPO_ROOT, "fixtures", "cli"), ["letta-run-structure.json"])).toEqual(
      seedTimes,
    );
  });

  it("takes the inputs alone, as paths or { path, contents }, with the same outputs", async () => {
    const contents = readFileSync(SEED);
    const [alone, request, inMemory] = await Promise.all([
      generate([SEED], { prettier: false }),
      generate({ inputs: [SEED] }, { prettier: false }),
      generate([{ path: SEED, contents }], { prettier: false }),
    ]);
    expect(alone.files).toEqual(request.files);
    expect(inMemory.files).toEqual(request.files);
  });

  it("writeOutputs writes, checkOutputs compares, and a second write changes nothing", async () => {
    const out = join(tempCwd(), "gen");
    const result = await generate({ inputs: [SEED], outDir: out });
    expect([...(await checkOutputs(out, result.files)).missing].sort()).toEqual([...SEED_OUTPUTS]);
    const first = await writeOutputs(out, result.files);
    expect([...first.written].sort()).toEqual([...SEED_OUTPUTS]);
    const second = await writeOutputs(out, result.files);
    expect(second).toEqual({
      written: [],
      unchanged: expect.arrayContaining([...SEED_OUTPUTS]) as unknown,
      diagnostics: [],
    });
    expect(await checkOutputs(out, result.files)).toEqual({
      stale: [],
      missing: [],
      upToDate: expect.arrayContaining([...SEED_OUTPUTS]) as unknown,
      diagnostics: [],
    });
  });

  it("reports progress by stage", async () => {
    const seen: string[] = [];
    await generate({
      inputs: [SEED, join(PIPELINE, "billing", "invoice.json")],
      onProgress: (p) => seen.push(`${p.stage} ${p.done}/${p.total}`),
    });
    expect(seen).toEqual(["read 1/2", "read 2/2", "emit 1/2", "emit 2/2", "format 8/8"]);
  });
});

describe("the exported stages", () => {
  it("parse -> normalize gives the model generate() uses, and the three emitters give its (unformatted) files", async () => {
    const parsed = await parse({ path: SEED });
    expect(parsed).toMatchObject({ file: SEED, dialect: "flat", diagnostics: [] });
    expect(parsed.locate("/fields/0")).toEqual({
      line: expect.any(Number) as unknown,
      column: expect.any(Number) as unknown,
    });
    const { model, diagnostics } = normalize(parsed, { formats: "annotate" });
    expect(diagnostics).toEqual([]);
    // emitGuards gives a self-contained guards file: generate()'s with `runtime: "inline"`.
    const result = await generate([SEED], {
      prettier: false,
      formats: "annotate",
      runtime: "inline",
    });
    expect(model).toEqual(result.models[0]);
    const doc = model as ModelDocument;
    const file = (suffix: string) =>
      result.files.find((f) => f.path === `${doc.baseName}.${suffix}`)?.contents;
    expect(emitTypes(doc)).toBe(file("types.ts"));
    expect(emitGuards(doc, { formats: "annotate" })).toBe(file("guards.ts"));
    expect(emitJsonSchema(doc, { formats: "annotate" })).toEqual(
      JSON.parse(file("schema.json") ?? "null"),
    );
  });

  it("parse and normalize report problems as diagnostics, not throws", async () => {
    const parsed = await parse({ path: "broken.json", contents: '{ "jsonStructure": ' });
    expect(parsed.dialect).toBeUndefined();
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(["SG_JSON_SYNTAX"]);
    expect(normalize(parsed)).toEqual({ diagnostics: parsed.diagnostics });
    const wrong = normalize(
      await parse({ path: "wrong.json", contents: '{ "jsonStructure": "0.1", "fields": 3 }' }),
    );
    expect(wrong.model).toBeUndefined();
    expect(wrong.diagnostics.some((d) => d.severity === "error" && d.line !== undefined)).toBe(
      true,
    );
  });
});

describe("custom emitters", () => {
  it("their files are formatted, written and checked like the built-in ones", async () => {
    const out = join(tempCwd(), "gen");
    const result = await generate({
      inputs: [SEED],
      outDir: out,
      emitters: [markdownDocs, catalog],
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.files.map((f) => f.path)).toEqual([
      "letta-run.types.ts",
      "letta-run.guards.ts",
      "letta-run.schema.json",
      "index.ts",
      "runtime.ts",
      "letta-run.md",
      "catalog.ts",
    ]);
    const markdown = result.files.find((f) => f.path === "letta-run.md")?.contents ?? "";
    expect(markdown).toMatch(
      /^<!-- Generated by structgen from .*letta-run-structure\.json\. Do not edit: regenerate instead\. -->\n\n# Run\n/,
    );
    expect(markdown).toContain("- `agent_id`: string\n");
    expect(markdown).not.toMatch(/^\*/m);
    const ts = result.files.find((f) => f.path === "catalog.ts")?.contents ?? "";
    expect(ts).toMatch(/^\/\/ Generated by structgen/);
    expect(ts).toContain('export const ROOTS = { "letta-run": "Run" } as const;\n');

    expect((await writeOutputs(out, result.files)).written).toContain("letta-run.md");
    expect((await checkOutputs(out, result.files)).upToDate).toEqual(
      expect.arrayContaining(["letta-run.md", "catalog.ts"]),
    );
    writeFileSync(join(out, "letta-run.md"), `${markdown}edited by hand\n`);
    expect((await checkOutputs(out, result.files)).stale).toEqual(["letta-run.md"]);
    // The banner lets structgen overwrite its own file (and only that).
    const again = await writeOutputs(out, result.files);
    expect(again.diagnostics).toEqual([]);
    expect(again.written).toEqual(["letta-run.md"]);
  });

  it("are left unformatted under prettier: false", async () => {
    const result = await generate(
      { inputs: [SEED], emitters: [markdownDocs] },
      { prettier: false },
    );
    expect(result.files.find((f) => f.path === "letta-run.md")?.contents).toMatch(
      /^\* {3}`agent_id`: string$/m,
    );
  });

  it("place per-document files in the document's mirrored subfolder", async () => {
    const { inputs } = await resolveInputs([join(PIPELINE, "billing"), join(PIPELINE, "crm")]);
    const result = await generate({ inputs, emitters: [markdownDocs] }, { prettier: false });
    expect(
      result.files
        .map((f) => f.path)
        .filter((p) => p.endsWith(".md"))
        .sort(),
    ).toEqual(["billing/invoice.md", "crm/customer.md"]);
  });

  const failures: readonly { name: string; emitter: Emitter; message: RegExp }[] = [
    {
      name: "a throw",
      emitter: {
        name: "boom",
        emit: () => {
          throw new Error("no luck");
        },
      },
      message: /emitter boom: threw no luck/,
    },
    {
      name: "a rejection",
      emitter: { name: "late", emit: () => Promise.reject(new Error("later")) },
      message: /emitter late: threw later/,
    },
    {
      name: "not an array",
      emitter: { name: "odd", emit: () => ({}) as never },
      message: /must return an array/,
    },
    {
      name: "a file without contents",
      emitter: { name: "half", emit: () => [{ path: "x.ts" } as never] },
      message: /\{ path: string, contents: string \}/,
    },
    {
      name: "a built-in's path",
      emitter: { name: "greedy", emit: () => [{ path: "index.ts", contents: "" }] },
      message: /index\.ts is also an output of structgen/,
    },
    {
      name: "a path it used already",
      emitter: {
        name: "twice",
        emit: () => [
          { path: "a.md", contents: "" },
          { path: "A.md", contents: "" },
        ],
      },
      message: /A\.md is also an output of this emitter/,
    },
    {
      name: "a file it cannot banner",
      emitter: { name: "data", emit: () => [{ path: "list.json", contents: "[]" }] },
      message: /list\.json lacks the structgen banner .* how to comment a \.json file/,
    },
    {
      name: "a file without an extension",
      emitter: { name: "data", emit: () => [{ path: "LICENSE", contents: "MIT" }] },
      message: /LICENSE lacks the structgen banner .* how to comment a file without an extension;/,
    },
  ];

  it.each(failures)(
    "$name is an SG_EMITTER_FAILED error, and then there is nothing to write",
    async ({ emitter, message }) => {
      const result = await generate({ inputs: [SEED], emitters: [emitter] }, { prettier: false });
      expect(result.files).toEqual([]);
      const errors = result.diagnostics.filter((d) => d.code === "SG_EMITTER_FAILED");
      expect(errors).toHaveLength(1);
      expect(errors[0]?.message).toMatch(message);
    },
  );

  it("a file that carries the banner itself needs no comment (JSON, with context.banner())", async () => {
    const json: Emitter = {
      name: "json",
      emit: (_docs, context) => [
        { path: "list.json", contents: JSON.stringify({ $comment: context.banner() }) },
      ],
    };
    const result = await generate({ inputs: [SEED], emitters: [json] });
    expect(result.diagnostics).toEqual([]);
    expect(JSON.parse(result.files.find((f) => f.path === "list.json")?.contents ?? "{}")).toEqual({
      $comment: expect.stringMatching(/^Generated by structgen/) as unknown,
    });
  });
});

describe("prettier configuration problems are diagnostics", () => {
  it("a broken config is SG_PRETTIER_CONFIG; a missing plugin is SG_FORMAT_FAILED; both suggest --no-format", async () => {
    const broken = tempCwd();
    writeFileSync(join(broken, ".prettierrc"), "{ not json");
    const plugin = tempCwd();
    writeFileSync(
      join(plugin, ".prettierrc"),
      JSON.stringify({ plugins: ["prettier-plugin-that-is-not-installed"] }),
    );
    const [a, b] = await Promise.all([
      generate({ inputs: [SEED], outDir: broken }),
      generate({ inputs: [SEED], outDir: plugin }),
    ]);
    expect(a.files).toEqual([]);
    expect(a.diagnostics).toEqual([
      expect.objectContaining({
        code: "SG_PRETTIER_CONFIG",
        severity: "error",
        message: expect.stringMatching(/--no-format/) as unknown,
      }),
    ]);
    expect(b.files).toEqual([]);
    expect(b.diagnostics[0]).toMatchObject({ code: "SG_FORMAT_FAILED", severity: "error" });
    expect(b.diagnostics[0]?.message).toMatch(
      /prettier-plugin-that-is-not-installed[\s\S]*--no-format/,
    );
  });
});

describe("resolveInputs", () => {
  const cwd = join(REPO_ROOT, "fixtures", "pipeline");
  const expand = (...args: string[]) => resolveInputs(args, { cwd });

  it("keeps files named directly in the output folder itself", async () => {
    expect(await expand("schemas/billing/invoice.json", "missing.json")).toEqual({
      inputs: [{ path: "schemas/billing/invoice.json" }, { path: "missing.json" }],
      unmatched: [],
      emptyFolders: [],
    });
  });

  it("takes the *.json files directly in a folder; one folder is the output folder itself", async () => {
    expect((await expand("schemas/crm")).inputs).toEqual([{ path: "schemas/crm/customer.json" }]);
  });

  it("mirrors several folders under their deepest common folder", async () => {
    expect((await expand("schemas/crm", "schemas/billing")).inputs).toEqual([
      { path: "schemas/crm/customer.json", outputSubfolder: "crm" },
      { path: "schemas/billing/invoice.json", outputSubfolder: "billing" },
    ]);
  });

  it("mirrors a glob's matches under its base, sorted, skipping duplicates", async () => {
    expect(
      await expand("schemas/**/*.json", "schemas/crm/customer.json", "nothing/*.json"),
    ).toEqual({
      inputs: [
        { path: "schemas/billing/invoice.json", outputSubfolder: "billing" },
        { path: "schemas/crm/customer.json", outputSubfolder: "crm" },
        { path: "schemas/crm/deep/lead.json", outputSubfolder: "crm/deep" },
      ],
      unmatched: ["nothing/*.json"],
      emptyFolders: [],
    });
  });

  it.each([
    ["schemas/**/*.json", "schemas"],
    ["schemas/*/x.json", "schemas"],
    ["*.json", "."],
    ["a/b/c.json", "a/b"],
  ])("globBase(%s) is %s", (pattern, base) => {
    expect(globBase(pattern)).toBe(base);
  });
});

describe("mirrored output trees", () => {
  it("put each document in its subfolder, with one index.ts re-exporting them all, and typecheck", async () => {
    const { inputs } = await resolveInputs([`${PIPELINE}/**/*.json`]);
    const result = await generate({ inputs });
    expect(result.diagnostics).toEqual([]);
    expect(result.files.map((f) => f.path).sort()).toEqual([
      "billing/invoice.guards.ts",
      "billing/invoice.schema.json",
      "billing/invoice.types.ts",
      "crm/customer.guards.ts",
      "crm/customer.schema.json",
      "crm/customer.types.ts",
      "crm/deep/lead.guards.ts",
      "crm/deep/lead.schema.json",
      "crm/deep/lead.types.ts",
      "index.ts",
      "runtime.ts",
    ]);
    const index = result.files.find((f) => f.path === "index.ts")?.contents ?? "";
    expect(index.split("\n").filter((line) => line.startsWith("export"))).toEqual([
      'export * from "./billing/invoice.types.js";',
      'export * from "./billing/invoice.guards.js";',
      'export * from "./crm/customer.types.js";',
      'export * from "./crm/customer.guards.js";',
      'export * from "./crm/deep/lead.types.js";',
      'export * from "./crm/deep/lead.guards.js";',
    ]);
    const usage = {
      path: "use.ts",
      contents:
        'import { isInvoice, type Lead, isCustomer } from "./index.js";\nexport const ok: boolean = isInvoice({}) || isCustomer(null);\nexport type L = Lead;\n',
    };
    expect(typecheck([...result.files, usage], "nodenext")).toEqual([]);
    expect(typecheck([...result.files, usage], "bundler")).toEqual([]);
    // One runtime module at the top; each guards file imports it by its relative path, and runs.
    const deep = result.files.find((f) => f.path === "crm/deep/lead.guards.ts");
    expect(deep?.contents).toMatch(/^import \{[^}]*\} from "\.\.\/\.\.\/runtime\.js";$/m);
    expect(result.files.find((f) => f.path === "billing/invoice.guards.ts")?.contents).toMatch(
      /^import \{[^}]*\} from "\.\.\/runtime\.js";$/m,
    );
    const guards = await loadGuards(deep!, result.files);
    expect(typeof guards["isLead"]).toBe("function");
    expect([guards["isLead"]!(null), guards["isLead"]!([])]).toEqual([false, false]);
    const out = join(tempCwd(), "gen");
    mkdirSync(out);
    await writeOutputs(out, result.files);
    expect(listFiles(out)).toEqual(result.files.map((f) => f.path).sort());
  });
});
