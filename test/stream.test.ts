/**
 * The pipeline as the CLI runs it (runPipeline in src/pipeline/generate.ts, with a sink and without `inMemory`):
 * the same outputs as generate(), one document's files at a time, nothing handed on when any input has an error,
 * nothing written when an input changes mid-run or the run is stopped. That it keeps no output or model after handing
 * it on is stream-memory.slow.test.ts.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Emitter } from "../src/emit/emitters.js";
import type { OutputFile } from "../src/emit/emitters.js";
import { resolveInputs } from "../src/pipeline/inputs.js";
import { generate, type PipelineRequest, runPipeline } from "../src/pipeline/generate.js";
import { WriteTransaction } from "../src/write/transaction.js";
import { manyDocuments } from "./helpers/big-inputs.js";
import { listFiles, removeTempDirs, SEED, tempCwd } from "./helpers/cli.js";
import { snapshot, writeDocuments } from "./helpers/cli-process.js";
import { REPO_ROOT } from "./helpers/fixtures.js";

afterAll(removeTempDirs);

const PIPELINE = join(REPO_ROOT, "fixtures", "pipeline", "schemas");
const IMPORTS = join(REPO_ROOT, "fixtures", "core", "imports", "input.struct.json");

/** One file per document beside its outputs, and one run-wide file: both kinds a custom emitter can give. */
const pages: Emitter = {
  name: "pages",
  emit: (documents, context) => [
    ...documents.map((doc) => ({
      path: [context.outputSubfolder(doc), `${doc.baseName}.md`]
        .filter((part) => part !== "")
        .join("/"),
      contents: `*   ${doc.root}\n`,
    })),
    {
      path: "roots.ts",
      contents: `export const ROOTS=[${documents.map((d) => JSON.stringify(d.root)).join(",")}]`,
    },
  ],
};

/** A sink that hands each batch to `take` and keeps nothing itself. */
const sinkOf = (take: (files: readonly OutputFile[]) => unknown) => ({
  add: (files: readonly OutputFile[]) => Promise.resolve(take(files)).then(() => undefined),
});

/** Runs the pipeline, collecting what it hands on, batch by batch. */
async function stream(request: Omit<PipelineRequest, "sink">, options = {}) {
  const batches: OutputFile[][] = [];
  const result = await runPipeline(
    { ...request, sink: sinkOf((files) => batches.push([...files])) },
    options,
  );
  return { result, batches };
}

describe("the pipeline with a sink that keeps nothing", () => {
  it.each([
    ["formatted, with a custom emitter", { emitters: [pages] }, {}],
    ["unformatted, types and schema only", {}, { prettier: false, emit: ["types", "schema"] }],
  ] as const)(
    "hands on exactly generate()'s files, in its order, one document at a time (%s)",
    async (_name, extra, options) => {
      const tree = await resolveInputs([join(PIPELINE, "**", "*.json")]);
      const inputs = [
        ...tree.inputs,
        { path: SEED, outputSubfolder: "letta" },
        { path: IMPORTS, outputSubfolder: "core" },
      ];
      const request = { inputs, outDir: tempCwd(), ...extra };
      const whole = await generate(request, options);
      const { result, batches } = await stream(request, options);
      expect(whole.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(batches.flat()).toEqual(whole.files);
      expect(result.documents).toEqual(whole.documents);
      expect(result.diagnostics).toEqual(whole.diagnostics);
      // One batch per document, then index.ts and (with guards) the shared runtime module, then the custom
      // emitter's files.
      const guards = whole.files.some((f) => f.path.endsWith(".guards.ts"));
      expect(whole.files.some((f) => f.path === "runtime.ts")).toBe(guards);
      expect(batches.map((batch) => batch.length)).toEqual([
        ...whole.documents.map((d) => d.files.length),
        guards ? 2 : 1,
        ...("emitters" in extra ? [inputs.length + 1] : []),
      ]);
      expect(result.interrupted).toBe(false);
    },
  );

  it("reports progress by stage: each document emitted, then its files formatted", async () => {
    const seen: string[] = [];
    await stream({
      inputs: [SEED, join(PIPELINE, "billing", "invoice.json")],
      onProgress: (p) => seen.push(`${p.stage} ${p.done}/${p.total}`),
    });
    expect(seen).toEqual([
      "read 1/2",
      "read 2/2",
      "emit 1/2",
      "format 3/8",
      "emit 2/2",
      "format 6/8",
      "format 8/8",
    ]);
  });

  it("hands on nothing when the last input has an error, or names collide with it", async () => {
    const good = manyDocuments(5).map((d) => ({ path: `${d.name}.json`, contents: d.text }));
    const broken = {
      path: "zz-bad.json",
      contents:
        '{"jsonStructure": "0.1", "entity": "Bad", "fields": [{"name": "x", "type": "strng"}]}',
    };
    const twin = { path: "zz-twin.json", contents: good[0]?.contents ?? "" };
    for (const last of [broken, twin]) {
      const { result, batches } = await stream({ inputs: [...good, last], outDir: tempCwd() });
      expect(batches).toEqual([]);
      expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => d.file)).toContain(
        last.path,
      );
    }
  });

  it("an input changed after the checks: an error, nothing more handed on, and nothing written", async () => {
    const cwd = tempCwd();
    writeDocuments(join(cwd, "in"), manyDocuments(4));
    const { inputs } = await resolveInputs([join(cwd, "in")]);
    const last = inputs[inputs.length - 1]?.path ?? "";
    const out = join(cwd, "out");
    const transaction = new WriteTransaction(out);
    let written = 0;
    const result = await runPipeline(
      {
        inputs,
        outDir: out,
        sink: sinkOf(async (files) => {
          written += files.length;
          await transaction.add(files);
        }),
        onProgress: ({ stage, done, total }) => {
          if (stage === "read" && done === total) {
            writeFileSync(last, readFileSync(last, "utf8").replace("Version 1.", "Version 2."));
          }
        },
      },
      { prettier: false },
    );
    expect(result.diagnostics.map((d) => [d.code, d.file])).toEqual([["SG_READ_FAILED", last]]);
    expect(result.diagnostics[0]?.message).toMatch(/changed while structgen was running/);
    expect(written).toBe(9);
    await transaction.abort();
    expect(listFiles(cwd).filter((file) => !file.startsWith("in/"))).toEqual([]);
  });

  it("stops between documents once its signal is aborted, and says so", async () => {
    const controller = new AbortController();
    const inputs = manyDocuments(6).map((d) => ({ path: `${d.name}.json`, contents: d.text }));
    const batches: OutputFile[][] = [];
    const result = await runPipeline(
      {
        inputs,
        signal: controller.signal,
        sink: sinkOf((files) => {
          batches.push([...files]);
          if (batches.length === 2) {
            controller.abort();
          }
        }),
      },
      { prettier: false },
    );
    expect(result.interrupted).toBe(true);
    expect(batches.length).toBe(2);
  });
});

describe("through a write transaction", () => {
  it("writes what writeOutputs writes for generate()'s files, byte for byte", async () => {
    const cwd = tempCwd();
    const { inputs } = await resolveInputs([join(PIPELINE, "**", "*.json")]);
    const whole = await generate({ inputs, outDir: join(cwd, "a") });
    const { writeOutputs } = await import("../src/write/write.js");
    expect((await writeOutputs(join(cwd, "a"), whole.files)).diagnostics).toEqual([]);
    mkdirSync(join(cwd, "b"));
    const transaction = new WriteTransaction(join(cwd, "b"));
    await runPipeline({ inputs, outDir: join(cwd, "b"), sink: transaction });
    expect((await transaction.commit()).diagnostics).toEqual([]);
    expect(snapshot(join(cwd, "b"))).toEqual(snapshot(join(cwd, "a")));
  });
});
