/**
 * The pipeline as the CLI runs it keeps no output it handed on and no model from the checks to the emit: heavy by
 * design (hundreds of documents, heap measured after a full collection), so npm test runs it and test:fast does not.
 */
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Emitter, OutputFile } from "../src/emit/emitters.js";
import { loadInputs } from "../src/pipeline/load.js";
import type { InputDocument } from "../src/read/read.js";
import { resolveOptions } from "../src/model/options.js";
import { runPipeline } from "../src/pipeline/generate.js";
import { manyDocuments } from "./helpers/big-inputs.js";
import { removeTempDirs, tempCwd } from "./helpers/cli.js";
import { writeDocuments } from "./helpers/cli-process.js";
import { liveHeapBytes } from "./helpers/heap.js";

afterAll(removeTempDirs);

/** One run-wide file: a custom emitter that needs every model at once, and whose output grows by little per document. */
const roots: Emitter = {
  name: "roots",
  emit: (documents) => [
    {
      path: "roots.ts",
      contents: `export const ROOTS=[${documents.map((d) => JSON.stringify(d.root)).join(",")}]`,
    },
  ],
};

/** `count` flat documents of 40 fields each, in files (as the CLI gives them: by path, so the run reads them). */
function documents(count: number): InputDocument[] {
  const dir = join(tempCwd(), "in");
  const docs = manyDocuments(count, { fieldsEach: 40 });
  writeDocuments(dir, docs);
  return docs.map((d) => ({ path: join(dir, `${d.name}.json`) }));
}

/** A sink that hands each batch to `take` and keeps nothing itself. */
const sinkOf = (take: (files: readonly OutputFile[]) => unknown) => ({
  add: (files: readonly OutputFile[]) => Promise.resolve(take(files)).then(() => undefined),
});

describe("the pipeline with a sink that keeps nothing, in memory", () => {
  it("keeps no output it handed on: live memory grows by far less than what passes through", async () => {
    const inputs = documents(400);
    let handed = 0;
    let first = 0;
    let last = 0;
    const result = await runPipeline(
      {
        inputs,
        sink: sinkOf((files) => {
          handed += files.reduce((sum, file) => sum + file.contents.length, 0);
        }),
        onProgress: ({ stage, done, total }) => {
          // From the 50th document on, when the code it runs is compiled.
          if (stage === "emit" && done === 50) {
            first = liveHeapBytes();
            handed = 0;
          }
          if (stage === "emit" && done === total) {
            last = liveHeapBytes();
          }
        },
      },
      { prettier: false },
    );
    expect(result.diagnostics).toEqual([]);
    // 350 documents' outputs passed through (several MB); keeping them would keep at least that much.
    expect(handed).toBeGreaterThan(4 << 20);
    expect(last - first).toBeLessThan(handed / 4);
  });

  it.each([
    ["", []],
    [", not even after a custom emitter saw them all", [roots]],
  ] as const)(
    "keeps no model from the checks to the emit: per document, far less than its model%s",
    async (_name, emitters) => {
      const keptUntilTheEmit = async (count: number): Promise<number> => {
        const inputs = documents(count);
        const before = liveHeapBytes();
        let kept = 0;
        await runPipeline(
          {
            inputs,
            emitters,
            sink: sinkOf(() => undefined),
            onProgress: ({ stage, done }) => {
              if (stage === "emit" && done === 1) {
                kept = liveHeapBytes() - before;
              }
            },
          },
          { prettier: false },
        );
        return kept;
      };
      await keptUntilTheEmit(20);
      const perDocument = ((await keptUntilTheEmit(400)) - (await keptUntilTheEmit(100))) / 300;
      // For scale: the models of as many such documents, held at once.
      const inputs = documents(300);
      const before = liveHeapBytes();
      const models = await loadInputs(inputs, resolveOptions({}), (model) => model);
      const perModel = (liveHeapBytes() - before) / 300;
      expect(models.documents.length).toBe(300);
      expect(perDocument).toBeLessThan(perModel / 3);
    },
  );
});
