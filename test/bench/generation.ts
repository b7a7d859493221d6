/**
 * Sections 2-4: code generation, through the CLIs (one process over a whole corpus, start-up on one document,
 * --check over an unchanged corpus, scaling) and in process (warm, per document).
 *
 * The peer is json-schema-to-typescript (jstt), given the JSON Schemas that structgen itself emits for the same
 * documents, with its default formatting (prettier) on, and one output per input (`json2ts -i <dir> -o <dir>`).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { compile } from "json-schema-to-typescript";
import type { Build } from "./build.ts";
import { type DerivedDocument, type Workspace, writeDocuments } from "./corpus.ts";
import { json2tsBin, SEED } from "./paths.ts";
import { type RunResult, runNode } from "./spawn.ts";
import { median } from "./stats.ts";

const MANIFEST_FILE = ".structgen-manifest.json";

let runCounter = 0;
function freshDir(ws: Workspace, label: string): string {
  return ws.path(`${label}-${++runCounter}`);
}

function countFiles(dir: string, suffix: string): number {
  return readdirSync(dir).filter((file) => file.endsWith(suffix)).length;
}

export interface CliOptions {
  /** Measure peak RSS. */
  readonly rss?: boolean;
  readonly timeoutMs?: number;
  /** The Node.js executable. @default the bench's own */
  readonly node?: string;
  /** `--emit types`: the types files and index.ts only. @default every output */
  readonly typesOnly?: boolean;
}

/** `structgen generate <docsDir> --out <fresh dir>` (formatting on); checks every output was written. */
export async function structgenCli(
  build: Build,
  ws: Workspace,
  docsDir: string,
  documents: number,
  options: CliOptions = {},
): Promise<RunResult & { outDir: string }> {
  const outDir = freshDir(ws, "structgen-out");
  const emit = options.typesOnly === true ? ["--emit", "types"] : [];
  const run = await runNode(build.bin, ["generate", docsDir, "--out", outDir, "--quiet", ...emit], {
    cwd: ws.root,
    rss: options.rss === true,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.node === undefined ? {} : { node: options.node }),
  });
  // Per document three files (or its types file), index.ts, runtime.ts with guards, and the manifest
  // (write/manifest.ts) that makes --check fast.
  const expected = options.typesOnly === true ? documents + 2 : documents * 3 + 3;
  const files = countFiles(outDir, ".ts") + countFiles(outDir, ".json");
  if (files !== expected || !existsSync(join(outDir, MANIFEST_FILE))) {
    throw new Error(
      `structgen wrote ${files} files for ${documents} documents; expected ${expected} with ${MANIFEST_FILE}\n${run.stderr}`,
    );
  }
  return { ...run, outDir };
}

/** `json2ts -i <schemasDir> -o <fresh dir>` (jstt's default: formatting on); checks one .d.ts per schema. */
export async function json2tsCli(
  ws: Workspace,
  schemasDir: string,
  schemas: number,
  node?: string,
): Promise<RunResult> {
  const outDir = freshDir(ws, "jstt-out");
  const run = await runNode(json2tsBin(), ["-i", schemasDir, "-o", outDir], {
    cwd: ws.root,
    ...(node === undefined ? {} : { node }),
  });
  const files = countFiles(outDir, ".d.ts");
  if (files !== schemas) {
    throw new Error(`json2ts wrote ${files} files for ${schemas} schemas\n${run.stderr}`);
  }
  return run;
}

/** Copies the schemas structgen emitted into a folder of their own (json2ts compiles every file in a folder). */
export function collectSchemas(structgenOut: string, dest: string): string[] {
  mkdirSync(dest, { recursive: true });
  const schemas = readdirSync(structgenOut)
    .filter((file) => file.endsWith(".schema.json"))
    .sort();
  for (const file of schemas) {
    copyFileSync(join(structgenOut, file), join(dest, file));
  }
  return schemas.map((file) => join(dest, file));
}

export interface CorpusRun {
  readonly docsDir: string;
  readonly schemasDir: string;
  /** A structgen output folder that is up to date with docsDir. */
  readonly upToDateOut: string;
  readonly structgenMs: number;
  readonly json2tsMs: number;
  readonly structgenRssKiB: number;
  readonly runs: number;
}

/**
 * Runs `structgen` and `json2ts` in turn, up to `maxRuns` times each while the time spent stays under `budgetMs`
 * (at least once); their medians.
 */
async function alternate(
  maxRuns: number,
  budgetMs: number,
  structgen: (i: number) => Promise<RunResult>,
  json2ts: () => Promise<RunResult>,
): Promise<{ structgenMs: number; json2tsMs: number; rssKiB: number; runs: number }> {
  const structgenMs: number[] = [];
  const json2tsMs: number[] = [];
  const rss: number[] = [];
  const started = performance.now();
  for (let i = 0; i < maxRuns && (i === 0 || performance.now() - started < budgetMs); i++) {
    const sg = await structgen(i);
    structgenMs.push(sg.wallMs);
    rss.push(sg.peakRssKiB ?? Number.NaN);
    json2tsMs.push((await json2ts()).wallMs);
  }
  return {
    structgenMs: median(structgenMs),
    json2tsMs: median(json2tsMs),
    rssKiB: median(rss),
    runs: structgenMs.length,
  };
}

/**
 * Section 2, CLI: the whole corpus in one process, alternating structgen (every output) and json2ts; see
 * `alternate`. On `node` when given.
 */
export async function benchCorpusCli(
  build: Build,
  ws: Workspace,
  docs: readonly DerivedDocument[],
  maxRuns: number,
  budgetMs: number,
  node?: string,
): Promise<CorpusRun> {
  const docsDir = ws.path(`docs-${docs.length}`);
  writeDocuments(docsDir, docs);
  let upToDateOut = "";
  const schemasDir = ws.path(`schemas-${docs.length}`);
  const timed = await alternate(
    maxRuns,
    budgetMs,
    async (i) => {
      const sg = await structgenCli(build, ws, docsDir, docs.length, {
        rss: true,
        ...(node === undefined ? {} : { node }),
      });
      if (i === 0) {
        upToDateOut = sg.outDir;
        collectSchemas(sg.outDir, schemasDir);
      }
      return sg;
    },
    () => json2tsCli(ws, schemasDir, docs.length, node),
  );
  return {
    docsDir,
    schemasDir,
    upToDateOut,
    structgenMs: timed.structgenMs,
    json2tsMs: timed.json2tsMs,
    structgenRssKiB: timed.rssKiB,
    runs: timed.runs,
  };
}

/** The corpus again with `--emit types` (the types files and index.ts), against json2ts as in benchCorpusCli. */
export async function benchTypesOnly(
  build: Build,
  ws: Workspace,
  corpus: CorpusRun,
  documents: number,
  limits: { readonly maxRuns: number; readonly budgetMs: number },
  node?: string,
): Promise<{ structgenMs: number; json2tsMs: number; runs: number }> {
  const nodeOption = node === undefined ? {} : { node };
  return alternate(
    limits.maxRuns,
    limits.budgetMs,
    () => structgenCli(build, ws, corpus.docsDir, documents, { typesOnly: true, ...nodeOption }),
    () => json2tsCli(ws, corpus.schemasDir, documents, node),
  );
}

/**
 * Section 3: `structgen generate --check` over an unchanged corpus (exit 0 expected), up to `limits.maxRuns`
 * times within `limits.budgetMs` (at least once); median wall time and the number of runs. On `node` when given.
 */
export async function benchCheck(
  build: Build,
  ws: Workspace,
  corpus: Pick<CorpusRun, "docsDir" | "upToDateOut">,
  limits: { readonly maxRuns: number; readonly budgetMs: number },
  node?: string,
): Promise<{ ms: number; runs: number }> {
  const { docsDir, upToDateOut } = corpus;
  const { maxRuns, budgetMs } = limits;
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < maxRuns && (i === 0 || performance.now() - started < budgetMs); i++) {
    const run = await runNode(
      build.bin,
      ["generate", docsDir, "--out", upToDateOut, "--check", "--quiet"],
      { cwd: ws.root, ...(node === undefined ? {} : { node }) },
    );
    times.push(run.wallMs);
  }
  return { ms: median(times), runs: times.length };
}

export interface StartupTimes {
  readonly nodeMs: number;
  readonly structgenMs: number;
  readonly json2tsMs: number;
}

/**
 * Section 3: one CLI run on one document (the seed), into a fresh folder, vs json2ts on its schema vs bare
 * `node -e 0`; medians of `runs`, after one warm-up run of each (which fills structgen's compile cache where the
 * Node has one: bin/structgen.js turns it on). On `node` when given.
 */
export async function benchStartup(
  build: Build,
  ws: Workspace,
  runs: number,
  seedSchema: string,
  node?: string,
): Promise<StartupTimes> {
  const docDir = ws.path("one-doc");
  mkdirSync(docDir, { recursive: true });
  const doc = join(docDir, "letta-run.json");
  copyFileSync(SEED, doc);
  const schema = join(ws.path("one-schema"), basename(seedSchema));
  mkdirSync(dirname(schema), { recursive: true });
  copyFileSync(seedSchema, schema);
  const options = { cwd: ws.root, ...(node === undefined ? {} : { node }) };
  const nodeMs: number[] = [];
  const structgen: number[] = [];
  const jstt: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const bare = await runNode("-e", ["0"], options);
    const out = freshDir(ws, "one-out");
    const sg = await runNode(build.bin, ["generate", doc, "--out", out, "--quiet"], options);
    const jsttOut = join(freshDir(ws, "one-jstt"), "letta-run.d.ts");
    const peer = await runNode(json2tsBin(), ["-i", schema, "-o", jsttOut], options);
    // Round 0 is the warm-up.
    if (i > 0) {
      nodeMs.push(bare.wallMs);
      structgen.push(sg.wallMs);
      jstt.push(peer.wallMs);
    }
  }
  return { nodeMs: median(nodeMs), structgenMs: median(structgen), json2tsMs: median(jstt) };
}

export interface WarmPerDocument {
  readonly structgenMs: number;
  readonly structgenNoFormatMs: number;
  readonly jsttMs: number;
  readonly jsttNoFormatMs: number;
}

/**
 * Section 2, in process and warm: structgen `generate()` on one document at a time vs jstt `compile()` on one
 * schema at a time (each parses its input text inside the timing), with and without prettier. Each variant
 * warms up on the first documents, then goes over all of `docs` `passes` times; the best pass counts.
 */
export async function benchWarmPerDocument(
  build: Build,
  ws: Workspace,
  docs: readonly DerivedDocument[],
  schemasDir: string,
  passes: number,
): Promise<WarmPerDocument> {
  // The schema structgen emitted for each document: <name>.schema.json (the names are already file slugs).
  const schemaTexts = docs.map((doc) => {
    const file = doc.file.replace(/\.json$/, ".schema.json");
    return { file, text: readFileSync(join(schemasDir, file), "utf8") };
  });
  const { generate } = build.api;
  const outDir = ws.root;
  const warmup = Math.min(10, docs.length);

  const timeStructgen = async (prettier: boolean): Promise<number> => {
    const one = async (doc: DerivedDocument): Promise<void> => {
      const result = await generate(
        { inputs: [{ path: doc.file, contents: doc.text }], outDir },
        { prettier },
      );
      // Three files, index.ts and runtime.ts.
      if (result.files.length !== 5) {
        throw new Error(
          `generate() gave ${result.files.length} files for ${doc.file}: ${JSON.stringify(result.diagnostics)}`,
        );
      }
    };
    return perDocument(docs, warmup, passes, one);
  };
  const timeJstt = async (format: boolean): Promise<number> => {
    const one = async (schema: { file: string; text: string }): Promise<void> => {
      const ts = await compile(
        JSON.parse(schema.text) as Parameters<typeof compile>[0],
        schema.file,
        { format, cwd: schemasDir },
      );
      if (!ts.includes("export")) {
        throw new Error(`jstt compile() gave no export for ${schema.file}`);
      }
    };
    return perDocument(schemaTexts, warmup, passes, one);
  };
  const structgenMs = await timeStructgen(true);
  const jsttMs = await timeJstt(true);
  const structgenNoFormatMs = await timeStructgen(false);
  const jsttNoFormatMs = await timeJstt(false);
  return { structgenMs, structgenNoFormatMs, jsttMs, jsttNoFormatMs };
}

async function perDocument<T>(
  items: readonly T[],
  warmup: number,
  passes: number,
  one: (item: T) => Promise<void>,
): Promise<number> {
  for (const item of items.slice(0, warmup)) {
    await one(item);
  }
  let best = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < passes; pass++) {
    const started = performance.now();
    for (const item of items) {
      await one(item);
    }
    best = Math.min(best, (performance.now() - started) / items.length);
  }
  return best;
}

export interface ScalePoint {
  readonly documents: number;
  readonly wallMs: number;
  readonly peakRssKiB: number;
  /** Set when the run failed (e.g. out of memory): the figures are then NaN. */
  readonly error?: string;
}

/**
 * Section 4: one CLI run over `docs` (formatting on), with wall time and peak RSS; killed after `timeoutMs`. On
 * `node` when given.
 */
export async function benchScalePoint(
  build: Build,
  ws: Workspace,
  docs: readonly DerivedDocument[],
  timeoutMs = Number.POSITIVE_INFINITY,
  node?: string,
): Promise<ScalePoint> {
  const docsDir = ws.path(`scale-docs-${docs.length}`);
  writeDocuments(docsDir, docs);
  try {
    const run = await structgenCli(build, ws, docsDir, docs.length, {
      rss: true,
      timeoutMs,
      ...(node === undefined ? {} : { node }),
    });
    rmSync(run.outDir, { recursive: true, force: true });
    return { documents: docs.length, wallMs: run.wallMs, peakRssKiB: run.peakRssKiB ?? Number.NaN };
  } catch (error) {
    const message = (error as Error).message;
    const reason = /heap out of memory/i.test(message)
      ? "out of memory"
      : /timed out after/.test(message)
        ? `killed after ${Math.round(timeoutMs / 1000)} s`
        : (message.split("\n")[0] ?? "failed");
    return { documents: docs.length, wallMs: Number.NaN, peakRssKiB: Number.NaN, error: reason };
  } finally {
    rmSync(docsDir, { recursive: true, force: true });
  }
}
