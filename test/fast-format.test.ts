/**
 * The fast printers (src/format/) against prettier itself: on every output the golden cases, the Letta corpus
 * and generated models produce, under several styles, the fast path must give prettier's bytes exactly. The
 * tests also check that the fast path does the work (most statements printed without prettier), since a printer
 * that handed everything to prettier would pass the first check trivially.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import * as prettier from "prettier";
import { beforeAll, describe, expect, it } from "vitest";
import { Printer } from "../src/emit/print.js";
import { assemble, formatSources, planFast, sourcesOf } from "../src/format/fast/plan.js";
import { type FastStyle, fastStyle } from "../src/format/fast/style.js";
import { generate } from "../src/pipeline/generate.js";
import { coreModelArb, flatModelArb } from "./helpers/arbitraries.js";
import { goldenCases, REPO_ROOT } from "./helpers/fixtures.js";
import { emitModel, type GeneratedFile } from "./helpers/outputs.js";

const LETTA = join(REPO_ROOT, "..", "shared", "corpus", "flat", "letta");

const STYLES: readonly FastStyle[] = [
  { printWidth: 80, tabWidth: 2, trailingComma: "all" },
  { printWidth: 100, tabWidth: 2, trailingComma: "all" },
  { printWidth: 60, tabWidth: 4, trailingComma: "es5" },
  { printWidth: 40, tabWidth: 2, trailingComma: "none" },
];

interface Tally {
  printed: number;
  pieces: number;
}

function parserFor(path: string): string {
  return path.endsWith(".json") ? "json" : "babel-ts";
}

/** The fast path's output for one file (undefined: prettier formats the whole file), counting pieces. */
async function fastFormat(
  file: GeneratedFile,
  style: FastStyle,
  tally: Tally,
): Promise<string | undefined> {
  const plan = planFast(file.path, file.contents, style);
  if (plan === undefined) {
    return undefined;
  }
  if (plan.kind === "pieces") {
    tally.pieces += plan.pieces.length;
    tally.printed += plan.pieces.filter((piece) => "printed" in piece).length;
  }
  const options = { ...style, parser: "babel-ts" };
  const pieces = await formatSources(sourcesOf(plan), JSON.stringify(options), (text) =>
    prettier.format(text, options),
  );
  return assemble(plan, pieces);
}

async function expectPrettierBytes(
  files: readonly GeneratedFile[],
  style: FastStyle,
  tally: Tally,
): Promise<void> {
  for (const file of files) {
    const fast = await fastFormat(file, style, tally);
    if (fast !== undefined) {
      const reference = await prettier.format(file.contents, {
        ...style,
        parser: parserFor(file.path),
      });
      expect(fast, `${file.path} at ${JSON.stringify(style)}`).toBe(reference);
    }
  }
}

async function unformatted(
  inputs: readonly string[],
  options: object = {},
): Promise<GeneratedFile[]> {
  const result = await generate(inputs, { ...options, prettier: false });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return [...result.files];
}

describe("the fast printers give prettier's bytes", () => {
  const corpora: { name: string; files: GeneratedFile[] }[] = [];

  beforeAll(async () => {
    for (const golden of [
      ...goldenCases("flat"),
      ...goldenCases("core"),
      ...goldenCases("enrich"),
    ]) {
      corpora.push({
        name: golden.dir,
        files: await unformatted(
          golden.inputs.map((p) => join(REPO_ROOT, p)),
          golden.options,
        ),
      });
    }
    const letta = readdirSync(LETTA)
      .filter((f) => f.endsWith(".json"))
      .map((f) => join(LETTA, f));
    corpora.push({ name: "letta", files: await unformatted(letta) });
  }, 120_000);

  it.each(STYLES)(
    "on every golden case and the Letta corpus, at %j",
    async (style) => {
      const tally: Tally = { printed: 0, pieces: 0 };
      for (const corpus of corpora) {
        await expectPrettierBytes(corpus.files, style, tally);
      }
      // Most statements are the fast path's own (the runtime helpers copied from templates/ are prettier's);
      // at narrow widths more of them break in ways left to prettier.
      console.info(
        `fast path at ${JSON.stringify(style)}: ${tally.printed} of ${tally.pieces} statements`,
      );
      expect(tally.printed / tally.pieces).toBeGreaterThan(style.printWidth >= 80 ? 0.6 : 0.25);
    },
    120_000,
  );

  it("prints every schema without prettier at the default style", () => {
    const schemas = corpora.flatMap((c) => c.files).filter((f) => f.path.endsWith(".json"));
    const fast = schemas.filter((f) => planFast(f.path, f.contents, STYLES[0]!) !== undefined);
    expect(schemas.length).toBeGreaterThan(20);
    expect(fast.length / schemas.length).toBeGreaterThan(0.9);
  });

  it("on the outputs of generated flat and Core models", async () => {
    const printer = new Printer();
    const tally: Tally = { printed: 0, pieces: 0 };
    const models = [
      ...fc.sample(flatModelArb(), { seed: 7, numRuns: 25 }),
      ...fc.sample(coreModelArb(), { seed: 11, numRuns: 25 }),
    ];
    for (const [index, doc] of models.entries()) {
      await expectPrettierBytes(emitModel(doc, {}, printer), STYLES[index % STYLES.length]!, tally);
    }
    expect(tally.printed / tally.pieces).toBeGreaterThan(0.5);
  }, 120_000);
});

describe("constructs the fast printer meets, against prettier", () => {
  const snippets = [
    'x = "a\\"b";',
    "x = 'a\"b';",
    "x = 'it\\'s';",
    'x = "a\'b\\"c";',
    "x = (a && b) || c;",
    "x = a || (b || c);",
    "x = (a % b) * c + d % e;",
    "x = !(a) === (typeof (b));",
    "x = (a ? b : c) ? (d as T) : e;",
    "x = (value as unknown[]).length >= 1;",
    "x = new Set<string>(a.b);",
    'x = { a: 1, "b-c": 2, "d": 3 };',
    "x = [1.5, 0.25, -0];",
    'interface A { "x": string; "y-z"?: readonly (A | null)[]; readonly [key: string]: unknown }',
    "type T = { a: string } | null;",
    "function f(value: unknown, path: string, errors: { readonly path: string; readonly message: string }[]): void { g(); }",
    "if (!(aaaaaaaaaaaaaaaaaa === 1 || bbbbbbbbbbbbbbbbbbbbbbbb === 2 || cccccccccccccccccccccc === 3)) { x(); }",
    "if (!(aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa === 1 || bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb === 2)) { x(); }",
    "function g() { return aaaaaaaaaaaaaaaaaaaaaaaaaaaaa === 1 || bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb === 2; }",
    'errors.push({ path: path + "/aaaaaaaaaaaaaaaaaaaaaa", message: "must be one of a very long list of values" });',
    'throw new TypeError(_describeFailure("AVeryLongTypeNameIndeed", result.ok ? [] : result.errors));',
    'export const AVeryLongValuesConstantName: readonly AVeryLongTypeNameForIt[] = ["alpha", "beta", "gamma"];',
    'export type Kind = "alpha" | "beta" | "gamma" | "delta" | "epsilon" | "zeta" | "eta" | "theta" | "iota";',
    '(value as unknown[]).forEach((item, index) => { if (typeof item !== "string") { g(index); } });',
    "// a comment\n\n/** doc\n   * more   \n */\nconst a = 1; // trailing",
  ];

  it.each(STYLES)("each snippet, at %j", async (style) => {
    const tally: Tally = { printed: 0, pieces: 0 };
    await expectPrettierBytes(
      snippets.map((contents, i) => ({ path: `s${i}.ts`, contents })),
      style,
      tally,
    );
    expect(tally.printed).toBeGreaterThan(snippets.length / 2);
  });
});

describe("fastStyle", () => {
  it("follows prettier's defaults, a print width and a tab width, and nothing else", () => {
    expect(fastStyle(null)).toEqual({ printWidth: 80, tabWidth: 2, trailingComma: "all" });
    expect(
      fastStyle({ printWidth: 100, tabWidth: 4, trailingComma: "es5", endOfLine: "lf" }),
    ).toEqual({ printWidth: 100, tabWidth: 4, trailingComma: "es5" });
    expect(fastStyle({ singleQuote: false, semi: true, proseWrap: "always" })).toEqual({
      printWidth: 80,
      tabWidth: 2,
      trailingComma: "all",
    });
    for (const config of [
      { singleQuote: true },
      { semi: false },
      { useTabs: true },
      { plugins: ["x"] },
      { endOfLine: "crlf" },
      { someFutureOption: 1 },
      { printWidth: 0 },
    ]) {
      expect(fastStyle(config), JSON.stringify(config)).toBeUndefined();
    }
  });
});

describe("formatSources", () => {
  it("formats each source as prettier does alone, in few calls, and remembers them", async () => {
    const sources = ["const a = {b:1};", "function f(){return 1}", "let x = [1,2,3];"].map(
      (source) => ({ source, alone: false }),
    );
    let calls = 0;
    const format = (text: string) => {
      calls++;
      return prettier.format(text, { parser: "babel-ts" });
    };
    const key = `test-${Math.random()}`;
    const first = await formatSources(sources, key, format);
    for (const { source } of sources) {
      expect(first.get(source)).toBe(
        (await prettier.format(source, { parser: "babel-ts" })).replace(/\n$/, ""),
      );
    }
    expect(calls).toBe(1);
    await formatSources(sources, key, format);
    expect(calls).toBe(1);
  });

  it("falls back to one call per source when one does not parse, and leaves that one out", async () => {
    const sources = ["const a = 1;", "const = ;"].map((source) => ({ source, alone: false }));
    const formatted = await formatSources(sources, `test-${Math.random()}`, (text) =>
      prettier.format(text, { parser: "babel-ts" }),
    );
    expect(formatted.get("const a = 1;")).toBe("const a = 1;");
    expect(formatted.has("const = ;")).toBe(false);
  });
});
